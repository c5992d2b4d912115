#!/usr/bin/env bash
# Shared-library checks around the PyInstaller build (Linux only; a no-op elsewhere).
#
#   check_libs.sh host            before the build: the X11/xcb client libraries Qt's xcb
#                                 platform plugin links against must be on the build host,
#                                 because PyInstaller copies them into the bundle. Missing
#                                 ones are installed with apt-get when we are root on
#                                 Debian/Ubuntu; otherwise we stop and name the packages.
#   check_libs.sh bundle LOG DIR  after the build: fail when the build log says a library
#                                 could not be resolved (PyInstaller only warns, and the
#                                 bundle then passes offscreen but crashes in a real X
#                                 session), or when any binary in the bundle has a
#                                 dependency that neither the bundle nor the base system
#                                 provides (ldd "not found"), or a symlink points nowhere.
set -euo pipefail

# Debian package names, and one library file each provides (to test without dpkg).
XCB_PACKAGES=(
  "libxcb-cursor0:libxcb-cursor.so.0"
  "libxcb-icccm4:libxcb-icccm.so.4"
  "libxcb-keysyms1:libxcb-keysyms.so.1"
  "libxcb-shape0:libxcb-shape.so.0"
  "libxcb-render-util0:libxcb-render-util.so.0"
  "libxcb-image0:libxcb-image.so.0"
  "libxcb-randr0:libxcb-randr.so.0"
  "libxcb-xinerama0:libxcb-xinerama.so.0"
  "libxcb-xkb1:libxcb-xkb.so.1"
  "libxkbcommon-x11-0:libxkbcommon-x11.so.0"
  "libegl1:libEGL.so.1"
  "libfontconfig1:libfontconfig.so.1"
  "libdbus-1-3:libdbus-1.so.3"
)

have_lib() { ldconfig -p 2>/dev/null | grep -q -F " $1 " || ldconfig -p 2>/dev/null | grep -q -F "/$1"; }

host() {
  [[ "$(uname -s)" == Linux ]] || { echo "check_libs: not Linux, nothing to check"; return 0; }
  local missing=() entry
  for entry in "${XCB_PACKAGES[@]}"; do
    have_lib "${entry#*:}" || missing+=("${entry%%:*}")
  done
  if ((${#missing[@]} == 0)); then
    echo "check_libs: Qt's X11 client libraries are present"
    return 0
  fi
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "check_libs: installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    return 0
  fi
  echo "check_libs: Qt's X11 client libraries are missing on this build host." >&2
  echo "  Without them the bundle starts offscreen but crashes on a real desktop." >&2
  echo "  On Debian/Ubuntu: sudo apt-get install ${missing[*]}" >&2
  echo "  (Fedora: xcb-util-cursor xcb-util-wm xcb-util-keysyms xcb-util-renderutil" >&2
  echo "   xcb-util-image libxkbcommon-x11 mesa-libEGL fontconfig dbus-libs)" >&2
  return 1
}

bundle() {
  local log=$1 dist=$2 status=0
  [[ "$(uname -s)" == Linux ]] || { echo "check_libs: not Linux, skipping ldd checks"; return 0; }
  [[ -d "$dist" ]] || { echo "check_libs: no bundle at $dist" >&2; return 1; }

  local unresolved qt_related
  unresolved=$(grep -E "WARNING: .*(could not resolve|Library not found)" "$log" || true)
  qt_related=$(grep -i -E "libxcb|libxkbcommon|libEGL|libQt6|libX11" <<<"$unresolved" || true)
  if [[ -n "$qt_related" ]]; then
    echo "check_libs: the build could not resolve libraries the bundle needs:" >&2
    echo "$qt_related" >&2
    echo "  (run: packaging/check_libs.sh host)" >&2
    status=1
  elif [[ -n "$unresolved" ]]; then
    echo "check_libs: unresolved but not needed by Qt's platform plugins, for the record:"
    echo "$unresolved"
  fi

  local dangling
  dangling=$(find "$dist" -xtype l)
  if [[ -n "$dangling" ]]; then
    echo "check_libs: symlinks to files the bundle does not carry:" >&2
    echo "$dangling" >&2
    status=1
  fi

  # Resolve every ELF file the way the bundle does at run time: the bootloader puts
  # _internal on the search path, and Qt's libraries find each other by RUNPATH.
  # PyInstaller deliberately leaves the graphics stack to the target system (its
  # dylib.py exclude list): libGL/libEGL, libdrm, libxcb itself, libwayland-*. Those may
  # be absent on a headless build host; anything else missing is a bundle bug.
  local system_graphics='lib(E?(Open)?GLX?(ESv1_CM|ESv2)?(dispatch)?|drm|xcb|xcb-dri[0-9]*|wayland-(client|cursor|egl|server))\.so'
  local internal="$dist/_internal" search f out
  search="$internal:$internal/PySide6/Qt/lib:$internal/PySide6:$internal/shiboken6"
  while IFS= read -r -d '' f; do
    head -c 4 "$f" 2>/dev/null | grep -q $'\x7fELF' || continue
    out=$(LD_LIBRARY_PATH="$search" ldd "$f" 2>&1 | grep "not found" | grep -v -E "^\s*${system_graphics}" || true)
    if [[ -n "$out" ]]; then
      echo "check_libs: ${f#"$dist"/} has unresolved dependencies:" >&2
      echo "$out" >&2
      status=1
    fi
  done < <(find "$dist" -type f \( -name "*.so*" -o -perm -u+x \) -print0)

  ((status == 0)) && echo "check_libs: every library in $dist resolves"
  return $status
}

case "${1:-}" in
  host) host ;;
  bundle) bundle "${2:?build log}" "${3:?bundle dir}" ;;
  *) echo "usage: $0 host | bundle BUILD_LOG BUNDLE_DIR" >&2; exit 2 ;;
esac
