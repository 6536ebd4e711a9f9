package org.cathodej.task;

/** Thrown before allocating when the buffers a step needs would not fit; the message says what would. */
public class InsufficientMemoryException extends RuntimeException {
	private static final long serialVersionUID = 1L;

	public InsufficientMemoryException(String message) {
		super(message);
	}
}
