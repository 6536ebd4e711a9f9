package org.cathodej.run;

/**
 * Marks a command whose result on a single slice shows what its settings do (thresholds, stripe removal, illumination,
 * a classifier): its dialog offers "Preview on current slice", which runs it on a one-slice copy of the input images
 * and shows the first image output. Commands whose output needs the whole volume must not carry it.
 */
public interface SlicePreview {}
