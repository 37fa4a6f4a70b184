#!/bin/sh
# Print the first Python >= 3.12 found. Shims may exist on PATH and still fail, so each
# candidate is run, not just looked up.
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }
for c in "${PYTHON:-}" python3.14 python3.13 python3.12; do
    [ -n "$c" ] && ok "$c" && { command -v "$c"; exit 0; }
done
if command -v pyenv >/dev/null 2>&1; then
    root=$(pyenv root 2>/dev/null)
    for c in $(ls -d "$root"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do
        ok "$c" && { echo "$c"; exit 0; }
    done
fi
ok python3 && { command -v python3; exit 0; }
echo "No Python >= 3.12 found; set PYTHON=/path/to/python3.12" >&2
exit 1
