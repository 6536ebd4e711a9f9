package org.cathodej.spark;

import java.io.Serializable;

import org.cathodej.volume.VolumeSource;

/** What an executor needs to open the volume itself: a small, Serializable description of where it lies. */
public interface SourceSpec extends Serializable {

	/** Opens the volume for reading on this JVM (an executor or the driver); the caller closes it. */
	VolumeSource open();
}
