/**
 * The ImageJ 1.x bridge: plugins.config entries run commands through CommandBridge, with the parameter dialog,
 * output display, window images, status-bar progress and About.
 *
 * <p>
 * Tier: fiji.
 * May import: core packages, the other Fiji-tier packages, ImageJ 1.x, SciJava and AWT; never commands, workflow,
 * cli or tools.
 */
package org.cathodej.ij1;
