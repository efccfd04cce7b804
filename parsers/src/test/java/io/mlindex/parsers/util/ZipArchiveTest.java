package io.mlindex.parsers.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.parsers.TestTrees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ZipArchiveTest {
  static byte[] zip(String name, byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      z.putNextEntry(new ZipEntry("archive/" + name));
      z.write(content);
      z.closeEntry();
    }
    return bytes.toByteArray();
  }

  @Test
  void readsEntriesOnJimfs() throws IOException {
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Path f = TestTrees.write(fs.getPath("/m.pt"), zip("data.pkl", "hello".getBytes(StandardCharsets.UTF_8)));
      assertTrue(ZipArchive.looksLikeZip(TestTrees.candidate(f).head()));
      try (ZipArchive a = ZipArchive.open(f)) {
        assertEquals(java.util.List.of("archive/", "archive/data.pkl"), a.entries());
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), a.read("archive/data.pkl", 100));
      }
    }
  }

  @Test
  void aBombStopsAtTheLimit() throws IOException {
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Path f = TestTrees.write(fs.getPath("/bomb.keras"), zip("config.json", new byte[50 << 20]));
      assertTrue(f.getFileSystem().provider().readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class).size() < 1 << 20);
      try (ZipArchive a = ZipArchive.open(f)) {
        assertThrows(FileTooLargeException.class, () -> a.read("archive/config.json", 1 << 20));
      }
    }
  }

  @Test
  void garbageIsMalformed() throws IOException {
    try (FileSystem fs = TestTrees.newFileSystem()) {
      Path f = TestTrees.write(fs.getPath("/x.pt"), "PK\3\4 not really a zip".getBytes(StandardCharsets.ISO_8859_1));
      assertThrows(IOException.class, () -> ZipArchive.open(f).close());
    }
  }
}
