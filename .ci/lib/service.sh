# Sourced by CI scripts: start_service DIR [SETTING=VALUE ...] starts the service built by dotnet test on a free
# loopback port with a throw-away SQLite file in DIR and sets service_url and service_pid; stop_service stops it.
service_pid=""
service_url=""

start_service() {
  local dir=$1; shift
  local api="$root/src/Scission.Api/bin/Debug/net10.0/Scission.Api.dll"
  [ -f "$api" ] || dotnet build "$root/src/Scission.Api" >&2 || return 1
  local port=8180
  while (echo > /dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
  env ConnectionStrings__Scission="Data Source=$dir/service.db" RateLimiting__Enabled=false Logging__LogLevel__Default=Warning "$@" \
    dotnet "$api" --urls "http://127.0.0.1:$port" >"$dir/service.log" 2>&1 &
  service_pid=$!
  service_url="http://127.0.0.1:$port"
  for _ in $(seq 150); do curl -sf "$service_url/health/live" >/dev/null 2>&1 && return 0; sleep 0.2; done
  cat "$dir/service.log" >&2
  return 1
}

stop_service() {
  if [ -n "$service_pid" ]; then kill -TERM "$service_pid" 2>/dev/null; wait "$service_pid" 2>/dev/null; service_pid=""; fi
}

# tap_to_checks PREFIX FILE: one PASS/FAIL/SKIP line per top-level test of a node --test TAP report; prints the count.
tap_to_checks() {
  local prefix=$1 file=$2 count=0 line name
  while IFS= read -r line; do
    case "$line" in
      "not ok "*) echo "FAIL $prefix: ${line#not ok * - }"; count=$((count + 1)) ;;
      "ok "*"# SKIP"*) name=${line#ok * - }; echo "SKIP $prefix: ${name%% # SKIP*}"; count=$((count + 1)) ;;
      "ok "*) echo "PASS $prefix: ${line#ok * - }"; count=$((count + 1)) ;;
    esac
  done <"$file"
  reported=$count
}
