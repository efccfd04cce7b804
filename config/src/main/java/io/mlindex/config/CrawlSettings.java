package io.mlindex.config;

import java.time.Duration;

/**
 * How crawls run.
 *
 * @param schedule default Quartz cron expression for roots that do not name one
 * @param quietPeriod default quiet period for roots that do not name one
 * @param checkpointRecords commit the index after this many records during a long crawl
 * @param historyVersions earlier versions of a record kept when a re-harvest changes it
 */
public record CrawlSettings(
    String schedule, Duration quietPeriod, int checkpointRecords, int historyVersions) {}
