package com.example.bot;

/**
 * An order as the shop's API shows it, written with JSON-B.
 *
 * @param id the order number
 * @param status where the order is, for example {@code shipped}
 */
public record Order(long id, String status) {
}
