#!/usr/bin/env bash
# Builds the base of the roles' container image without a Docker engine or a container registry, from Debian
# packages and the build's JDK:
#   - glibc, libgcc, libstdc++ and zlib: what the JVM and the native libraries the roles load (RocksDB, zstd, snappy,
#     lz4) link against; netbase (/etc/protocols, /etc/services); os-release and a dpkg status entry per package, so
#     that image scanners know what is inside;
#   - a Java runtime linked by jlink from the build's JDK 17 with only the modules the roles use;
#   - the user webhooks (10001:10001) and its data folder /var/lib/webhooks; /tmp writable by all.
# No shell, no package manager, no curl. Written as a `docker save` archive with one layer, which Jib reads as its
# base image (from tar://...) and layers the application on.
#
#   image/build-base.sh JDK_HOME OUTPUT.tar
#
# Needs apt's package lists (apt-get update once) and a JDK 17 with its jmods (Debian: openjdk-17-jdk-headless).
set -euo pipefail

jdk="${1:?usage: build-base.sh JDK_HOME OUTPUT.tar}"
out="${2:?usage: build-base.sh JDK_HOME OUTPUT.tar}"

packages=(libc6 libgcc-s1 libstdc++6 zlib1g netbase base-files)
# java.base plus what the roles, their libraries and an operator need: logging (JUL bridges), JMX and
# com.sun.management (JVM metrics), JNDI and SASL/GSS-API (Kafka's SCRAM and Kerberos clients), java.net.http and
# jdk.httpserver (receive), java.sql and java.xml (Jackson's and logback's optional types, logback.xml), EC crypto
# (TLS), sun.misc.Unsafe (Kafka, Caffeine, zstd), JFR for profiling in place, zipfs.
modules=java.base,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.security.sasl,java.sql,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.jfr,jdk.management,jdk.management.jfr,jdk.unsupported,jdk.zipfs
user=10001

[[ -f "$jdk/jmods/java.base.jmod" ]] || { echo "build-base.sh: $jdk has no jmods (Debian: apt-get install openjdk-17-jdk-headless)" >&2; exit 1; }
java_version="$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$jdk/release")"
[[ "$java_version" == 17* ]] || { echo "build-base.sh: $jdk is Java $java_version; the image runs Java 17" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
mkdir -p "$rootfs" "$work/debs"

if ! (cd "$work/debs" && apt-get download -q "${packages[@]}" >"$work/apt.log" 2>&1); then
  cat "$work/apt.log" >&2
  echo "build-base.sh: apt-get download failed (run apt-get update once?)" >&2
  exit 1
fi
mkdir -p "$rootfs/var/lib/dpkg/status.d"
for deb in "$work"/debs/*.deb; do
  name="$(dpkg-deb -f "$deb" Package)"
  if [[ "$name" == base-files ]]; then
    # Only what names the distribution: the rest of base-files is a Debian system's skeleton.
    dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$rootfs" ./etc/os-release ./usr/lib/os-release
  else
    dpkg-deb -x "$deb" "$rootfs"
  fi
  { dpkg-deb -f "$deb" Package Version Architecture Source; echo "Status: install ok installed"; } \
    > "$rootfs/var/lib/dpkg/status.d/$name"
done
# Documentation, character-set converters (the JVM has its own) and debugger scripts: not needed to run.
rm -rf "$rootfs"/usr/share/{doc,lintian,gdb,gcc} "$rootfs"/usr/lib/x86_64-linux-gnu/gconv

"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
  --output "$rootfs/opt/java"

mkdir -p "$rootfs"/{proc,sys,dev,etc,tmp,var/lib/webhooks}
chmod 1777 "$rootfs/tmp"
printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nwebhooks:x:%s:%s:Chatplugify Webhooks:/var/lib/webhooks:/usr/sbin/nologin\n' \
  "$user" "$user" > "$rootfs/etc/passwd"
printf 'root:x:0:\nwebhooks:x:%s:\n' "$user" > "$rootfs/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\nnetworks: files\nprotocols: files\nservices: files\n' \
  > "$rootfs/etc/nsswitch.conf"

layer="$work/layer.tar"
tar_flags=(--sort=name --mtime=@0 --numeric-owner --format=posix --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime)
tar "${tar_flags[@]}" --owner=0 --group=0 --exclude=./var/lib/webhooks -C "$rootfs" -cf "$layer" .
tar "${tar_flags[@]}" --owner="$user" --group="$user" -C "$rootfs" -rf "$layer" ./var/lib/webhooks
diff_id="sha256:$(sha256sum "$layer" | cut -d' ' -f1)"

versions="$(for f in "$rootfs"/var/lib/dpkg/status.d/*; do
  printf '%s=%s ' "$(sed -n 's/^Package: //p' "$f")" "$(sed -n 's/^Version: //p' "$f")"; done)"
runtime="$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$jdk/release")"
cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],
           "User":"$user:$user","WorkingDir":"/var/lib/webhooks"},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z",
             "created_by":"image/build-base.sh: Debian ${versions}and a Java ${runtime} runtime (jlink: ${modules})"}]}
JSON
echo '[{"Config":"config.json","RepoTags":["chatplugify-webhooks-base:local"],"Layers":["layer.tar"]}]' \
  > "$work/manifest.json"
mkdir -p "$(dirname "$out")"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work" -cf "$out" manifest.json config.json layer.tar
echo "build-base.sh: $out ($(du -h "$layer" | cut -f1) layer: ${versions}Java ${runtime})"
