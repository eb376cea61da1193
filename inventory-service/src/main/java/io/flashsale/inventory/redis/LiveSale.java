package io.flashsale.inventory.redis;

/**
 * A sale as Redis holds it right now; each figure is null when its key is missing.
 *
 * @param available units still available ({@code stock})
 * @param state     {@code meta.state}, which may be RECOVERING while a rebuild runs
 */
public record LiveSale(Long available, String state) {
}
