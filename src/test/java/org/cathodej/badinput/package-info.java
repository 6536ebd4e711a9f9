/**
 * The permanent bad-input suite: a table of rows (command, input, options, expected outcome), run through the
 * command line in-process and through real macros, each checking that inputs stay unchanged and that a refused run
 * leaves no partial output. Test code; may import anything.
 */
package org.cathodej.badinput;
