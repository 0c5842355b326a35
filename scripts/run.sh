#!/usr/bin/env bash
# The first README command: installs what is missing, builds, and launches SocketScope.
# Any argument is passed to the application (for example --scenario tcp-echo --lang fr).
set -euo pipefail

source_dir=$(cd "$(dirname "$0")/.." && pwd)
"$source_dir/scripts/install-dependencies.sh"
"$source_dir/scripts/build.sh" "$source_dir/build"
exec "$source_dir/build/app/socketscope" "$@"
