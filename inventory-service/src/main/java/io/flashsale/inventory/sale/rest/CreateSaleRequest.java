package io.flashsale.inventory.sale.rest;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.flashsale.contract.Ids;
import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemException;
import io.flashsale.inventory.sale.service.NewSale;

/**
 * The body of {@code POST /api/admin/sales}. Numbers are read as {@code Long} so that an out-of-range
 * value is answered as a field error, not as unreadable JSON.
 *
 * @param id           optional; generated when absent
 * @param perUserLimit optional; 1 when absent
 * @param startsAt     optional; now when absent
 * @param endsAt       optional; {@code startsAt} + {@code flashsale.sales.default-duration} when absent
 */
public record CreateSaleRequest(String id, String name, Long totalStock, Long perUserLimit, Instant startsAt,
        Instant endsAt) {

    static final int NAME_MAX_LENGTH = 200;
    static final long TOTAL_STOCK_MAX = 10_000_000;

    /** The sale to create, or a 400 problem naming the first field that is wrong. */
    NewSale validate(Instant now, Duration defaultDuration) {
        String saleId = id == null ? generatedId() : id;
        if (!Ids.isSaleId(saleId)) {
            throw invalid("id", "id must match " + Ids.SALE_ID.pattern());
        }
        if (name == null || name.isBlank()) {
            throw invalid("name", "name is required");
        }
        String saleName = name.strip();
        if (saleName.codePointCount(0, saleName.length()) > NAME_MAX_LENGTH) {
            throw invalid("name", "name is at most " + NAME_MAX_LENGTH + " characters");
        }
        if (totalStock == null || totalStock < 1 || totalStock > TOTAL_STOCK_MAX) {
            throw invalid("totalStock", "totalStock must be between 1 and " + TOTAL_STOCK_MAX);
        }
        long limit = perUserLimit == null ? 1 : perUserLimit;
        if (limit < 1 || limit > totalStock) {
            throw invalid("perUserLimit", "perUserLimit must be between 1 and totalStock (" + totalStock + ")");
        }
        // Redis holds the window in milliseconds; the database keeps exactly what Redis compares.
        Instant start = (startsAt == null ? now : startsAt).truncatedTo(ChronoUnit.MILLIS);
        Instant end = (endsAt == null ? start.plus(defaultDuration) : endsAt).truncatedTo(ChronoUnit.MILLIS);
        if (!end.isAfter(start)) {
            throw invalid("endsAt", "endsAt must be after startsAt");
        }
        return new NewSale(saleId, saleName, totalStock.intValue(), (int) limit, start, end);
    }

    private static String generatedId() {
        return "sale-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static ProblemException invalid(String field, String detail) {
        return Problem.invalid(field, detail).exception();
    }
}
