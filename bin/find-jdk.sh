# shellcheck shell=bash
# Finds a JDK 21 or newer and exports JAVA_HOME (and PATH) to it. Source it:
#   . bin/find-jdk.sh
# Order: $JAVA_HOME if it is a JDK >= 21, then the newest JDK >= 21 under /usr/lib/jvm,
# then the javac on PATH. Prints what to install and returns 1 when there is none.

chancery_jdk_major() {
  # Prints the feature version of the JDK at $1 (e.g. 21, 25), or nothing if it is not a JDK.
  local home=$1
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  "$home/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ { v = $2; sub(/^1\./, "", v); print v; exit }'
}

chancery_find_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(chancery_jdk_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      echo "$JAVA_HOME"
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/*; do
    [ -d "$candidate" ] || continue
    major=$(chancery_jdk_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best=$candidate
      best_major=$major
    fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(chancery_jdk_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      best=$candidate
    fi
  fi
  if [ -n "$best" ]; then
    echo "$best"
    return 0
  fi
  return 1
}

if CHANCERY_JDK=$(chancery_find_jdk); then
  export JAVA_HOME=$CHANCERY_JDK
  export PATH="$JAVA_HOME/bin:$PATH"
  CHANCERY_JDK_MAJOR=$(chancery_jdk_major "$JAVA_HOME")
  export CHANCERY_JDK_MAJOR
  # Maven's own Guice warns about sun.misc.Unsafe on JDK 24+; silence that noise.
  if [ "$CHANCERY_JDK_MAJOR" -ge 24 ]; then
    case "${MAVEN_OPTS:-}" in
      *sun-misc-unsafe-memory-access*) ;;
      *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
    esac
  fi
else
  cat >&2 <<'MSG'
Chancery needs a JDK 21 or newer (java and javac), and none was found
(looked at $JAVA_HOME, /usr/lib/jvm/* and the javac on PATH).
Install one, for example:
  Debian/Ubuntu:  sudo apt-get install openjdk-21-jdk-headless
  Fedora/RHEL:    sudo dnf install java-21-openjdk-devel
  macOS:          brew install openjdk@21
or point JAVA_HOME at an installed JDK 21+ and try again.
MSG
  return 1 2>/dev/null || exit 1
fi
