package org.dialoghook.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Copies and deletes the server directories the tests that start their own servers prepare in {@code target/}. */
public final class FileTrees {

    private FileTrees() {
    }

    /**
     * Copies a directory and everything in it, keeping the files' attributes.
     *
     * @param from the directory to copy
     * @param to where the copy goes; must not exist yet
     * @throws IOException when a file cannot be copied
     */
    public static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.copy(path, to.resolve(from.relativize(path).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    /**
     * Deletes a directory and everything in it, if it exists.
     *
     * @param root the directory
     * @throws IOException when a file cannot be deleted
     */
    public static void delete(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(path);
                }
            }
        }
    }
}
