package io.mlindex.crawler;

import io.mlindex.config.RootSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/**
 * Crawls each root on its cron schedule (Quartz) and on request. One job per root: Quartz never
 * runs a job twice at once ({@link DisallowConcurrentExecution}), so crawls of one root never
 * overlap; a schedule missed while a crawl ran long fires once, not once per missed slot. Jobs get
 * the crawler through a {@link JobFactory}, not through static state.
 */
public final class CrawlScheduler implements AutoCloseable {
  private static final String TRIGGER_KEY = "trigger";

  private final Scheduler scheduler;
  private final List<RootSettings> roots;
  private final String defaultCron;

  /**
   * @param onFinished called with every finished crawl's report (on a scheduler thread)
   */
  public CrawlScheduler(Crawler crawler, List<RootSettings> roots, String defaultCron, Consumer<CrawlReport> onFinished)
      throws SchedulerException {
    this.roots = List.copyOf(roots);
    this.defaultCron = defaultCron;
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", "mlindex-" + UUID.randomUUID());
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
    p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(Math.max(1, Math.min(4, roots.size()))));
    p.setProperty("org.quartz.threadPool.threadNamePrefix", "mlindex-crawl");
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
    this.scheduler = new StdSchedulerFactory(p).getScheduler();
    scheduler.setJobFactory(new Factory(crawler, onFinished));
  }

  /** Schedules every root; with {@code crawlNow}, each root is also crawled once right away. */
  public void start(boolean crawlNow) throws SchedulerException {
    for (int i = 0; i < roots.size(); i++) {
      RootSettings root = roots.get(i);
      JobDetail job = JobBuilder.newJob(CrawlJob.class)
          .withIdentity(jobKey(i))
          .usingJobData("root", i)
          .storeDurably()
          .build();
      String cron = root.schedule() != null ? root.schedule() : defaultCron;
      Trigger trigger = TriggerBuilder.newTrigger()
          .withIdentity("schedule-" + i)
          .forJob(job)
          .usingJobData(TRIGGER_KEY, io.mlindex.crawler.Trigger.SCHEDULE.name())
          .withSchedule(CronScheduleBuilder.cronSchedule(cron).withMisfireHandlingInstructionFireAndProceed())
          .build();
      scheduler.scheduleJob(job, trigger);
    }
    scheduler.start();
    if (crawlNow) {
      trigger(List.of(), io.mlindex.crawler.Trigger.SERVE);
    }
  }

  /**
   * Crawls the named roots (all when none are named) as soon as each is free; returns the roots
   * that will be crawled. An unknown root is an {@link IllegalArgumentException} naming the known ones.
   */
  public List<String> trigger(List<String> names, io.mlindex.crawler.Trigger why) throws SchedulerException {
    List<String> started = new ArrayList<>();
    for (int i = 0; i < roots.size(); i++) {
      String path = roots.get(i).path().toString();
      if (names.isEmpty() || names.contains(path)) {
        JobDataMap data = new JobDataMap();
        data.put(TRIGGER_KEY, why.name());
        scheduler.triggerJob(jobKey(i), data);
        started.add(path);
      }
    }
    if (started.isEmpty() && !names.isEmpty()) {
      throw new IllegalArgumentException("not a configured root: " + names + "; the roots are "
          + roots.stream().map(r -> r.path().toString()).toList());
    }
    return started;
  }

  public List<RootSettings> roots() {
    return roots;
  }

  private static JobKey jobKey(int i) {
    return JobKey.jobKey("crawl-" + i);
  }

  @Override
  public void close() throws SchedulerException {
    scheduler.shutdown(false);
  }

  /** Builds jobs with their collaborators. */
  private final class Factory implements JobFactory {
    private final Crawler crawler;
    private final Consumer<CrawlReport> onFinished;

    Factory(Crawler crawler, Consumer<CrawlReport> onFinished) {
      this.crawler = crawler;
      this.onFinished = onFinished;
    }

    @Override
    public Job newJob(TriggerFiredBundle bundle, Scheduler s) {
      return new CrawlJob(crawler, roots, onFinished);
    }
  }

  /** One crawl of one root. */
  @DisallowConcurrentExecution
  static final class CrawlJob implements Job {
    private final Crawler crawler;
    private final List<RootSettings> roots;
    private final Consumer<CrawlReport> onFinished;

    CrawlJob(Crawler crawler, List<RootSettings> roots, Consumer<CrawlReport> onFinished) {
      this.crawler = crawler;
      this.roots = roots;
      this.onFinished = onFinished;
    }

    @Override
    public void execute(JobExecutionContext context) {
      JobDataMap data = context.getMergedJobDataMap();
      RootSettings root = roots.get(data.getInt("root"));
      io.mlindex.crawler.Trigger why = io.mlindex.crawler.Trigger.valueOf(data.getString(TRIGGER_KEY));
      CrawlReport report;
      try {
        report = crawler.crawl(root, why, CrawlListener.NONE);
      } catch (CrawlInProgressException e) {
        return; // a CLI-started crawl of the same root in this process; the next schedule catches up
      }
      onFinished.accept(report);
    }
  }
}
