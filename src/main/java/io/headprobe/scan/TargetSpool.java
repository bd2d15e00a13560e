package io.headprobe.scan;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A scan's targets as they are uploaded, in a temporary file, so that the database sees them only
 * once the whole body is in. Each target is written as it is (length-prefixed: a target that will
 * only fail as INVALID_TARGET may hold any character), and the file is no larger than the scan
 * body limit allows.
 */
final class TargetSpool {

    @FunctionalInterface
    interface Batch {
        void accept(int firstSeq, List<String> targets);
    }

    private final Path file;
    private final DataOutputStream out;
    private int count;

    private TargetSpool(Path file) throws IOException {
        this.file = file;
        this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)));
    }

    static TargetSpool create() {
        try {
            return new TargetSpool(Files.createTempFile("headprobe-scan-", ".targets"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool the scan's targets", e);
        }
    }

    void add(List<String> targets) {
        try {
            for (String target : targets) {
                byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
                out.writeInt(bytes.length);
                out.write(bytes);
            }
            count += targets.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool the scan's targets", e);
        }
    }

    int count() {
        return count;
    }

    /** Hands the targets back in order, {@code size} at a time, with the position of each batch's first. */
    void read(int size, Batch batch) {
        try {
            out.close();
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                List<String> targets = new ArrayList<>(size);
                int first = 0;
                for (int i = 0; i < count; i++) {
                    targets.add(new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8));
                    if (targets.size() == size) {
                        batch.accept(first, targets);
                        first += targets.size();
                        targets = new ArrayList<>(size);
                    }
                }
                if (!targets.isEmpty()) {
                    batch.accept(first, targets);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the scan's spooled targets", e);
        }
    }

    void delete() {
        try {
            out.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // only a process that dies mid-upload leaves a file behind, in the temporary directory
        }
    }
}
