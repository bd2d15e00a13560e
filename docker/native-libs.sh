#!/usr/bin/env bash
# Fills target/native-libs with the shared-library folder that a native executable built with the
# native-image kit loads by absolute RUNPATH (the JDK's JNI libraries and the kit's libjvm stub,
# about 2 MB); leaves it empty for a binary from a real GraalVM or Mandrel.
set -euo pipefail
cd "$(dirname "$0")/.."
runner=$(ls target/*-runner | head -n 1)
rm -rf target/native-libs && mkdir -p target/native-libs
runpath=$(readelf -d "$runner" | sed -n 's/.*(R\(UN\)\{0,1\}PATH).*\[\(.*\)\]/\2/p' | head -n 1)
if [ -n "$runpath" ] && [ -d "$runpath" ]; then
  cp "$runpath"/*.so target/native-libs/
fi
du -sh target/native-libs
