# Sourced by deploy/test.sh and deploy/local/run.sh, not run: installing the Debian packages a command needs.

# install_missing PACKAGE...: installs the packages with apt-get when running as root; otherwise prints the command
# to run and returns 1. Nothing to do (and no apt-get update) when no package is given.
install_missing() {
  [ $# -gt 0 ] || return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "installing $*" >&2
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
  else
    echo "missing $*; install them first: sudo apt-get install $*" >&2
    return 1
  fi
}
