package com.example.bot;

import jakarta.ejb.Stateless;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/** The shop's prices: an EJB that the quote handler calls. */
@Stateless
public class PriceList {

    private static final Map<String, BigDecimal> PRICES = Map.of(
            "kettle", new BigDecimal("39.90"),
            "teapot", new BigDecimal("24.50"));

    /**
     * The price of an item.
     *
     * @param item the item's name
     * @return its price, or empty when the shop does not sell it
     */
    public Optional<BigDecimal> priceOf(String item) {
        return Optional.ofNullable(PRICES.get(item.toLowerCase()));
    }
}
