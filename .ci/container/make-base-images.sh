#!/usr/bin/env bash
# Makes stand-ins for eclipse-temurin:25-jdk and eclipse-temurin:25-jre locally (no
# registry is reachable in CI) and tags them with those real names, so the unmodified
# Dockerfile builds with --pull=never. Rootfs: Debian's libc and busybox; Java: the
# machine's JDK 25 (copied whole for -jdk, jlink'd for -jre).
set -euo pipefail
jdk=${1:?usage: make-base-images.sh JDK25_HOME}
work=${2:-target/base-images}
rm -rf "$work" && mkdir -p "$work/rootfs" && cd "$work"

debs="libc6 libgcc-s1 libstdc++6 zlib1g busybox-static dash"
# shellcheck disable=SC2086
apt-get download -qq $debs 2>/dev/null || { apt-get update -qq && apt-get download -qq $debs; }
for deb in *.deb; do dpkg-deb -x "$deb" rootfs; done
mkdir -p rootfs/bin rootfs/etc rootfs/tmp rootfs/root
chmod 1777 rootfs/tmp
# /bin/sh is dash, and busybox gives the other tools, but not wget: its TLS fails against
# Maven Central, and without it the Maven wrapper downloads with Java instead. (busybox's
# own shell would find its wget applet even without a link.)
ln -sf dash rootfs/bin/sh
for applet in $(rootfs/bin/busybox --list | grep -vx 'wget'); do
  [ -e "rootfs/bin/$applet" ] || ln -s busybox "rootfs/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\napp:x:10001:10001:app:/tmp:/bin/sh\n' > rootfs/etc/passwd
printf 'root:x:0:\napp:x:10001:\n' > rootfs/etc/group

"$jdk/bin/jlink" --add-modules java.se,jdk.unsupported,jdk.management,jdk.jfr,jdk.naming.dns,jdk.zipfs,jdk.net,jdk.crypto.cryptoki \
  --strip-debug --no-header-files --no-man-pages --output jre
cp -rL "$jdk" jdk    # -L: Debian links cacerts out of the JDK

for kind in jdk jre; do
  printf 'FROM scratch\nCOPY rootfs/ /\nCOPY %s/ /opt/java/openjdk/\nENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:/usr/bin:/bin\n' "$kind" > "Containerfile.$kind"
  podman build -q --pull=never --network=none -f "Containerfile.$kind" -t "localhost/temurin-standin:25-$kind" .
  podman tag "localhost/temurin-standin:25-$kind" "docker.io/library/eclipse-temurin:25-$kind"
done
