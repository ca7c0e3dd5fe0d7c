package io.tokenmeter.processor.ledger;

import java.time.LocalDate;

/** Spend of one budget subject in one calendar period ({@code period} is day, week or month). */
public record SpendKey(String budget, String subject, String period, LocalDate periodStart) {}
