#!/usr/bin/env bash
# Installs what `npm run images:build` runs, from Debian's packages (idempotent: a second run only checks versions):
# - mmdebstrap: the base image's Debian bookworm root filesystem, from Debian's own packages;
# - buildah: builds images/Dockerfile without a daemon (1.28 has --build-context, which the build relies on);
# - containerd (ctr) and runc: the runtime the images are loaded into and that RUN steps use.
# The versions are Debian bookworm's; IMAGE_TOOLS below records the ones this project was checked with, and a
# different installed version is reported, not refused (bookworm's point releases move them).
source "$(dirname "$0")/lib.sh"

# package=version as checked (Debian bookworm, 2026-12).
IMAGE_TOOLS=(
  mmdebstrap=1.3.5-7
  buildah=1.28.2+ds1-3+deb12u1+b3
  containerd=1.6.20~ds1-1+deb12u3
  runc=1.1.5+ds1-1+deb12u1
  uidmap=1:4.13+dfsg1-1+deb12u2
)

installed_version() { dpkg-query -W -f '${db:Status-Abbrev} ${Version}' "$1" 2>/dev/null | awk '$1 == "ii" { print $2 }'; }

missing=()
for entry in "${IMAGE_TOOLS[@]}"; do
  package="${entry%%=*}"
  [[ -n "$(installed_version "$package")" ]] || missing+=("$package")
done
if ((${#missing[@]} > 0)); then
  apt_install "the image build" "${missing[@]}"
fi

for entry in "${IMAGE_TOOLS[@]}"; do
  package="${entry%%=*}" wanted="${entry#*=}"
  have="$(installed_version "$package")"
  [[ -n "$have" ]] || { log "$package did not install"; exit 1; }
  [[ "$have" == "$wanted" ]] || log "$package is $have (checked with $wanted)"
done
