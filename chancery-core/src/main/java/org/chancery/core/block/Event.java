package org.chancery.core.block;

/**
 * Something a contract announces while executing a transaction, recorded in its receipt.
 *
 * @param name the event name, for example {@code deposited}
 * @param data a JSON document
 */
public record Event(String name, String data) {}
