package io.mlindex.parsers.git;

/**
 * What a work tree's {@code .git} says about the checked-out code.
 *
 * @param commit the commit HEAD points at (directly or through its branch), or null
 * @param branch the branch HEAD names, or null when HEAD is detached
 * @param remote the URL of remote {@code origin} (or of the first remote), without credentials
 * @param problem why something could not be read, or null
 */
record GitHead(String commit, String branch, String remote, String problem) {}
