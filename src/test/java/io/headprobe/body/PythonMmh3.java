package io.headprobe.body;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.headprobe.testing.ExternalProcess;

/**
 * Reference hashes computed outside the project's code: Python's base64 and the reference MurmurHash3
 * x86_32 (Austin Appleby's, written out in pure Python: no pip module is needed).
 */
final class PythonMmh3 {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private static final String SCRIPT = String.join("\n",
            "import sys, base64",
            "M = 0xffffffff",
            "def rotl(x, r): return ((x << r) | (x >> (32 - r))) & M",
            "def mmh3(data):",
            "    h = 0",
            "    n = len(data) // 4",
            "    for i in range(n):",
            "        k = int.from_bytes(data[4*i:4*i+4], 'little')",
            "        h ^= (rotl((k * 0xcc9e2d51) & M, 15) * 0x1b873593) & M",
            "        h = (rotl(h, 13) * 5 + 0xe6546b64) & M",
            "    tail = data[4*n:]",
            "    if tail:",
            "        k = int.from_bytes(tail, 'little')",
            "        h ^= (rotl((k * 0xcc9e2d51) & M, 15) * 0x1b873593) & M",
            "    h ^= len(data)",
            "    h ^= h >> 16; h = (h * 0x85ebca6b) & M",
            "    h ^= h >> 13; h = (h * 0xc2b2ae35) & M",
            "    h ^= h >> 16",
            "    return h - (1 << 32) if h & 0x80000000 else h",
            "data = sys.stdin.buffer.read()",
            "mode = sys.argv[1]",
            "if mode == 'favicon':",
            "    # Shodan's recipe: mmh3.hash(codecs.encode(content, 'base64')), i.e. base64.encodebytes",
            "    data = base64.encodebytes(data)",
            "elif mode == 'httpx-body':",
            "    # httpx common/hashes/hashes.go stdBase64: a newline after every 76th character, and one at the end",
            "    b = base64.b64encode(data).decode()",
            "    data = (''.join(c + ('\\n' if (i + 1) % 76 == 0 else '') for i, c in enumerate(b)) + '\\n').encode()",
            "print(mmh3(data))");

    private PythonMmh3() {
    }

    /** MurmurHash3 of the bytes themselves, signed. */
    static int raw(byte[] data) {
        return Integer.parseInt(run("raw", data));
    }

    /** Shodan's http.favicon.hash of an icon. */
    static String favicon(byte[] icon) {
        return run("favicon", icon);
    }

    /** httpx's -hash mmh3 of a body. */
    static String httpxBody(byte[] body) {
        return run("httpx-body", body);
    }

    private static String run(String mode, byte[] stdin) {
        ExternalProcess.require(PYTHON, "python3");
        try {
            Process python = new ProcessBuilder(PYTHON.toString(), "-c", SCRIPT, mode).redirectErrorStream(true).start();
            try (OutputStream in = python.getOutputStream()) {
                in.write(stdin);
            }
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            python.waitFor(30, TimeUnit.SECONDS);
            assertEquals(0, python.exitValue(), output);
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
