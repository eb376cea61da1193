package io.flashsale.inventory.sale.service;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.flashsale.contract.LogFields;
import io.flashsale.contract.SaleState;
import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemType;
import io.flashsale.inventory.redis.SaleRedis;
import io.flashsale.inventory.sale.persistence.Sale;
import io.quarkus.panache.common.Sort;

/**
 * Creates sales and changes their state, in the database first and then in Redis inside the same
 * transaction: a Redis failure rolls the database change back.
 */
@ApplicationScoped
public class SaleService {

    private static final Logger LOG = Logger.getLogger(SaleService.class);
    private static final String UNIQUE_VIOLATION = "23505";

    private final SaleRedis redis;

    public SaleService(SaleRedis redis) {
        this.redis = redis;
    }

    @Transactional
    public Sale create(NewSale request) {
        if (Sale.findById(request.id()) != null) {
            throw exists(request.id());
        }
        Sale sale = new Sale();
        sale.id = request.id();
        sale.name = request.name();
        sale.totalStock = request.totalStock();
        sale.perUserLimit = request.perUserLimit();
        sale.startsAt = request.startsAt();
        sale.endsAt = request.endsAt();
        sale.state = SaleState.ACTIVE;
        sale.createdAt = now();
        sale.updatedAt = sale.createdAt;
        try {
            sale.persistAndFlush();
        } catch (PersistenceException e) {
            // Another request created the same id between our check and our insert.
            if (isUniqueViolation(e)) {
                throw exists(request.id());
            }
            throw e;
        }
        redis.warm(sale.meta(sale.state));
        try (LogFields.Scope fields = LogFields.sale(sale.id)) {
            LOG.infof("sale %s created: total=%d perUserLimit=%d window=[%s, %s)", sale.id, sale.totalStock,
                    sale.perUserLimit, sale.startsAt, sale.endsAt);
        }
        return sale;
    }

    @Transactional
    public List<Sale> list() {
        return Sale.listAll(Sort.by("createdAt").and("id"));
    }

    @Transactional
    public Sale get(String id) {
        Sale sale = Sale.findById(id);
        if (sale == null) {
            throw notFound(id);
        }
        return sale;
    }

    /**
     * Applies an admin transition. The row lock orders it against a rebuild restoring the state,
     * so the rebuild either sees this change or runs before it and hands Redis back.
     */
    @Transactional
    public Sale transition(String id, SaleTransition transition) {
        Sale sale = Sale.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (sale == null) {
            throw notFound(id);
        }
        if (!transition.allowedFrom(sale.state)) {
            throw Problem.of(ProblemType.INVALID_STATE_TRANSITION,
                    "cannot " + transition.name().toLowerCase() + " a sale that is " + sale.state)
                    .with("state", sale.state.name()).exception();
        }
        SaleState from = sale.state;
        sale.state = transition.target();
        sale.updatedAt = now();
        Sale.flush();
        String held = redis.setState(id, sale.state).orElse("no meta");
        try (LogFields.Scope fields = LogFields.sale(id)) {
            LOG.infof("sale %s: %s -> %s (Redis state now %s)", id, from, sale.state, held);
        }
        return sale;
    }

    /**
     * Hands a rebuilt sale back to the gateway with the state the database holds, under a share lock
     * so that no admin transition lands between reading that state and writing it.
     */
    @Transactional
    public SaleState restoreRedisState(String id) {
        Sale sale = Sale.findById(id, LockModeType.PESSIMISTIC_READ);
        redis.forceState(id, sale.state);
        return sale.state;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static RuntimeException exists(String id) {
        return Problem.of(ProblemType.SALE_EXISTS, "sale " + id + " already exists").with("saleId", id).exception();
    }

    private static RuntimeException notFound(String id) {
        return Problem.of(ProblemType.SALE_NOT_FOUND, "no sale " + id).with("saleId", id).exception();
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
