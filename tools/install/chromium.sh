#!/usr/bin/env bash
# Installs Debian's Chromium and the fonts a review comment is drawn with, when they are not there yet: the review
# comment's rendering check (diff/github-view/) draws the comment and its Mermaid charts in it, as GitHub's page would.
source "$(dirname "$0")/lib.sh"

fonts=(/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf)
if [[ -x /usr/bin/chromium && -f "${fonts[0]}" && -f "${fonts[1]}" ]]; then
  exit 0
fi
# DejaVu Sans stands in for Mermaid's fonts (Trebuchet MS, Verdana, Arial); Noto draws the emoji squares of the legends.
apt_install "The review comment's rendering check" chromium fonts-dejavu-core fonts-noto-color-emoji
test -x /usr/bin/chromium
log "Chromium installed: $(/usr/bin/chromium --version 2>/dev/null || echo '(version unknown)')"
