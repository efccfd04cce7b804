package io.mlindex.parsers.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class GitRemotesTest {
  @Test
  void credentialsAreStrippedFromWebUrls() {
    assertEquals("https://github.com/org/repo.git", GitRemotes.withoutCredentials("https://user:s3cret@github.com/org/repo.git"));
    assertEquals("https://github.com/org/repo.git", GitRemotes.withoutCredentials("https://ghp_abcdef123456@github.com/org/repo.git"));
    assertEquals("https://host/repo.git", GitRemotes.withoutCredentials("https://host/repo.git?private_token=abc"));
    assertEquals("https://host/repo.git", GitRemotes.withoutCredentials("https://user:pa/ss@host/repo.git"));
    assertEquals("https://host:8443/repo@v1", GitRemotes.withoutCredentials("https://host:8443/repo@v1"));
  }

  @Test
  void sshKeepsTheUserButNotAPassword() {
    assertEquals("ssh://git@host:22/org/repo.git", GitRemotes.withoutCredentials("ssh://git:hunter2@host:22/org/repo.git"));
    assertEquals("ssh://git@host/org/repo.git", GitRemotes.withoutCredentials("ssh://git@host/org/repo.git"));
    assertEquals("git@github.com:org/repo.git", GitRemotes.withoutCredentials("git@github.com:org/repo.git"));
    assertEquals("deploy@github.com:org/repo.git", GitRemotes.withoutCredentials("deploy:tok@github.com:org/repo.git"));
    assertEquals("/srv/git/repo.git", GitRemotes.withoutCredentials("/srv/git/repo.git"));
  }

  @Test
  void originIsPreferredAndValuesAreUnquoted() {
    String config = """
        [core]
        \trepositoryformatversion = 0
        [remote "upstream"]
        \turl = https://example.org/upstream.git
        [Remote "origin"] ; the fork
        \tURL = "https://oauth2:tok@gitlab.com/me/fork.git" # pushed here
        \tfetch = +refs/heads/*:refs/remotes/origin/*
        [branch "main"]
        \tremote = origin
        """;
    assertEquals("https://gitlab.com/me/fork.git", GitRemotes.originUrl(config));
  }

  @Test
  void withoutOriginTheFirstRemoteIsTaken() {
    assertEquals("git@host:a.git", GitRemotes.originUrl("[remote \"a\"]\n url = git@host:a.git\n[remote \"b\"]\n url = git@host:b.git\n"));
    assertNull(GitRemotes.originUrl("[core]\n bare = false\n"));
    assertNull(GitRemotes.originUrl("url = https://not-in-a-remote.example\n"));
  }
}
