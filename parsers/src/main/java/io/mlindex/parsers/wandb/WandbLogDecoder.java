package io.mlindex.parsers.wandb;

import static io.mlindex.parsers.wandb.ProtoFields.isBytes;
import static io.mlindex.parsers.wandb.ProtoFields.isVarint;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.mlindex.parsers.ParseContext;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Decodes the protobuf {@code Record} messages of a W&B transaction log into a {@link WandbLog}.
 * Field numbers are those of wandb's {@code wandb/proto/wandb_internal.proto} and {@code
 * wandb_telemetry.proto}, quoted at each reader below. Unknown fields and record types are skipped,
 * so logs of newer wandb versions still read.
 */
final class WandbLogDecoder {
  // Record: num = 1; history = 2; summary = 3; output = 4; config = 5; files = 6; stats = 7;
  // telemetry = 11; output_raw = 13; run = 17; exit = 18; header = 21; environment = 26.
  private static final int REC_HISTORY = 2;
  private static final int REC_SUMMARY = 3;
  private static final int REC_OUTPUT = 4;
  private static final int REC_CONFIG = 5;
  private static final int REC_FILES = 6;
  private static final int REC_TELEMETRY = 11;
  private static final int REC_OUTPUT_RAW = 13;
  private static final int REC_RUN = 17;
  private static final int REC_EXIT = 18;
  private static final int REC_HEADER = 21;
  private static final int REC_ENVIRONMENT = 26;

  private final WandbLog log = new WandbLog();
  private final WandbLogItems items = new WandbLogItems(log);
  private int undecodable;

  private WandbLogDecoder() {}

  /** Reads the whole log, streaming; damage becomes warnings in the result. */
  static WandbLog decode(Path file, ParseContext context) throws IOException {
    WandbLogDecoder decoder = new WandbLogDecoder();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        LevelDbLogReader reader = LevelDbLogReader.open(in, context.limits().maxReadBytes(), context::checkDeadline)) {
      for (byte[] record = reader.next(); record != null; record = reader.next()) {
        decoder.record(UnsafeByteOperations.unsafeWrap(record));
      }
      decoder.log.records = reader.records();
      decoder.log.warnings.addAll(reader.problems());
    }
    decoder.finish();
    return decoder.log;
  }

  private void finish() {
    if (undecodable > 0) {
      log.warnings.add(undecodable + " record(s) were not valid protobuf and were skipped");
    }
    items.finish();
  }

  private void record(ByteString bytes) {
    try {
      ProtoFields.read(bytes, (field, wireType, in) -> {
        if (!isBytes(wireType)) {
          return false;
        }
        switch (field) {
          case REC_HISTORY -> items.history(in.readBytes());
          case REC_SUMMARY -> items.summary(in.readBytes());
          case REC_CONFIG -> items.config(in.readBytes());
          case REC_FILES -> files(in.readBytes());
          case REC_TELEMETRY -> telemetry(in.readBytes());
          case REC_RUN -> run(in.readBytes());
          case REC_EXIT -> exit(in.readBytes());
          case REC_HEADER -> header(in.readBytes());
          case REC_ENVIRONMENT -> environment(in.readBytes());
          case REC_OUTPUT, REC_OUTPUT_RAW -> {
            in.skipRawBytes(in.readRawVarint32());
            log.outputLines++;
          }
          default -> {
            return false;
          }
        }
        return true;
      });
    } catch (IOException e) {
      undecodable++; // over a byte array, only InvalidProtocolBufferException: a damaged record
    }
  }

  /**
   * RunRecord: run_id = 1; entity = 2; project = 3; config = 4 (ConfigRecord); summary = 5
   * (SummaryRecord); run_group = 6; job_type = 7; display_name = 8; notes = 9; tags = 10
   * (repeated); sweep_id = 12; host = 13; start_time = 17 (Timestamp); telemetry = 19; git = 21
   * (GitRepoRecord).
   */
  private void run(ByteString bytes) throws IOException {
    ProtoFields.read(bytes, (field, wireType, in) -> {
      if (!isBytes(wireType)) {
        return false;
      }
      switch (field) {
        case 1 -> log.runId = nonEmpty(in.readString(), log.runId);
        case 2 -> log.entity = nonEmpty(in.readString(), log.entity);
        case 3 -> log.project = nonEmpty(in.readString(), log.project);
        case 4 -> items.config(in.readBytes());
        case 5 -> items.summary(in.readBytes());
        case 6 -> log.group = nonEmpty(in.readString(), log.group);
        case 7 -> log.jobType = nonEmpty(in.readString(), log.jobType);
        case 8 -> log.displayName = nonEmpty(in.readString(), log.displayName);
        case 9 -> log.notes = nonEmpty(in.readString(), log.notes);
        case 10 -> addDistinct(log.tags, in.readString());
        case 12 -> log.sweepId = nonEmpty(in.readString(), log.sweepId);
        case 13 -> log.host = nonEmpty(in.readString(), log.host);
        case 17 -> log.startTime = ProtoFields.timestamp(in.readBytes());
        case 19 -> telemetry(in.readBytes());
        case 21 -> git(in.readBytes());
        default -> {
          return false;
        }
      }
      return true;
    });
  }

  /** GitRepoRecord: remote_url = 1; commit = 2. */
  private void git(ByteString bytes) throws IOException {
    ProtoFields.read(bytes, (field, wireType, in) -> {
      if (isBytes(wireType) && field == 1) {
        log.gitRemote = nonEmpty(in.readString(), log.gitRemote);
      } else if (isBytes(wireType) && field == 2) {
        log.gitCommit = nonEmpty(in.readString(), log.gitCommit);
      } else {
        return false;
      }
      return true;
    });
  }

  /**
   * EnvironmentRecord (Record field 26, added by wandb PR #9984, mid-2025): the run's environment,
   * which older versions wrote only to wandb-metadata.json. Its proto was not at hand; the numbers
   * below were read from logs that wandb 0.23 wrote, whose values match their
   * wandb-metadata.json: os = 1; python = 2; started_at = 3 (Timestamp); args = 5 (repeated);
   * program = 6; code_path = 7; git = 9 (GitRepoRecord); host = 12.
   */
  private void environment(ByteString bytes) throws IOException {
    boolean argsBefore = !log.args.isEmpty();
    ProtoFields.read(bytes, (field, wireType, in) -> {
      if (!isBytes(wireType)) {
        return false;
      }
      switch (field) {
        case 1 -> log.os = nonEmpty(in.readString(), log.os);
        case 2 -> log.python = nonEmpty(in.readString(), log.python);
        case 3 -> {
          Instant started = ProtoFields.timestamp(in.readBytes());
          log.startTime = log.startTime != null ? log.startTime : started;
        }
        case 5 -> {
          String arg = in.readString();
          if (!argsBefore) {
            log.args.add(arg);
          }
        }
        case 6 -> log.program = nonEmpty(in.readString(), log.program);
        case 7 -> log.codePath = nonEmpty(in.readString(), log.codePath);
        case 9 -> git(in.readBytes());
        case 12 -> log.host = nonEmpty(in.readString(), log.host);
        default -> {
          return false;
        }
      }
      return true;
    });
  }

  /**
   * TelemetryRecord: imports_init = 1 and imports_finish = 2 (Imports: one bool per library);
   * python_version = 4; cli_version = 5.
   */
  private void telemetry(ByteString bytes) throws IOException {
    ProtoFields.read(bytes, (field, wireType, in) -> {
      if (!isBytes(wireType)) {
        return false;
      }
      switch (field) {
        case 1, 2 -> ProtoFields.read(in.readBytes(), (lib, libWire, flags) -> {
          if (isVarint(libWire)) {
            if (flags.readBool()) {
              log.imports.add(lib);
            }
            return true;
          }
          return false;
        });
        case 4 -> log.pythonVersion = nonEmpty(in.readString(), log.pythonVersion);
        case 5 -> log.cliVersion = nonEmpty(in.readString(), log.cliVersion);
        default -> {
          return false;
        }
      }
      return true;
    });
  }

  /** RunExitRecord: exit_code = 1; runtime = 2 (seconds). */
  private void exit(ByteString bytes) throws IOException {
    log.exitCode = 0;
    ProtoFields.read(bytes, (field, wireType, in) -> {
      if (isVarint(wireType) && field == 1) {
        log.exitCode = in.readInt32();
      } else if (isVarint(wireType) && field == 2) {
        log.runtimeSeconds = (long) in.readInt32();
      } else {
        return false;
      }
      return true;
    });
  }

  /** HeaderRecord: version_info = 1 (VersionInfo: producer = 1; min_consumer = 2). */
  private void header(ByteString bytes) throws IOException {
    ProtoFields.read(bytes, (field, wireType, in) -> {
      if (isBytes(wireType) && field == 1) {
        ProtoFields.read(in.readBytes(), (vf, vw, v) -> {
          if (isBytes(vw) && vf == 1) {
            log.producer = nonEmpty(v.readString(), log.producer);
            return true;
          }
          return false;
        });
        return true;
      }
      return false;
    });
  }

  /** FilesRecord: files = 1 (FilesItem: path = 1). */
  private void files(ByteString bytes) throws IOException {
    ProtoFields.read(bytes, (field, wireType, in) -> {
      if (isBytes(wireType) && field == 1) {
        ProtoFields.read(in.readBytes(), (ff, fw, f) -> {
          if (isBytes(fw) && ff == 1) {
            if (log.files.size() < WandbLogItems.MAX_LISTED) {
              addDistinct(log.files, f.readString());
            }
            return true;
          }
          return false;
        });
        return true;
      }
      return false;
    });
  }

  private static String nonEmpty(String value, String previous) {
    return value == null || value.isEmpty() ? previous : value;
  }

  private static void addDistinct(List<String> list, String value) {
    if (value != null && !value.isEmpty() && !list.contains(value) && list.size() < WandbLogItems.MAX_LISTED) {
      list.add(value);
    }
  }
}
