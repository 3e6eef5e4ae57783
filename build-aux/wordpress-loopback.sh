#!/usr/bin/env bash
# A private WordPress on 127.0.0.1 for Copydesk's test suite.
#
#   build-aux/wordpress-loopback.sh start DIR PORT   install what is missing, start, print state
#   build-aux/wordpress-loopback.sh stop DIR         end what `start` started in DIR
#   build-aux/wordpress-loopback.sh status DIR       exit 0 running, 3 stopped, 1 partly running
#
# `start` exits with 4 when PORT is taken (pick another), 1 on other errors.
#
# Everything an instance owns lives in DIR: the MariaDB data (reached over a
# unix socket only, no TCP), the WordPress content and uploads, logs, the
# generated PHP files, and the application password (DIR/app-password,
# mode 0600) for the user named in DIR/user.  Debian's `wordpress` package
# serves the code from /usr/share/wordpress; `php -S 127.0.0.1:PORT` is the
# web server.  A must-use plugin refuses every outgoing HTTP request before
# WordPress could resolve a name, so an instance talks to nothing beyond
# loopback.
#
# Both servers are started with setsid, so each leads its own process group;
# DIR/loopback.state records their pid, process group and start time, and
# `stop` signals those groups only (php -S leaves its workers running when
# only the master is killed).  Keep DIR short: the socket path
# DIR/run/mysqld.sock must stay under 100 characters.  Runs as root (mariadbd
# is started with --user=root); starting a running DIR again is a no-op.
set -euo pipefail

prog=${0##*/}
wp_root=/usr/share/wordpress
config_shim=/etc/wordpress/config-copydesk-test.php
wp_user='admin'
packages=(wordpress php php-cli php-mysql php-xml php-mbstring php8.2-cgi mini-httpd mariadb-server)

say() { printf '%s: %s\n' "$prog" "$*" >&2; }
die() { say "$*"; exit 1; }

usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# --- packages ---------------------------------------------------------------

missing_packages() {
  local pkg status
  for pkg in "$@"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = installed ] || printf '%s\n' "$pkg"
  done
}

ensure_packages() {
  local missing
  mapfile -t missing < <(missing_packages "${packages[@]}")
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "missing Debian packages and not root: ${missing[*]}"
  say "installing: ${missing[*]}"
  # A fresh machine may have no package lists yet; otherwise skip the update.
  if ! apt-cache policy wordpress 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    apt-get update -q
  fi
  # php + php8.2-cgi + mini-httpd satisfy wordpress's "web server" and "PHP"
  # dependencies on one command line, so apache2 is not pulled in.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=900 \
    --no-install-recommends "${packages[@]}" >&2
}

# --- processes --------------------------------------------------------------

# Prints "STATE PGID STARTTIME" of a process from /proc/PID/stat, or nothing.
# The command name may hold spaces and parentheses, so split after the last ')'.
proc_info() {
  local stat rest
  { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 1
  rest=${stat##*) }
  set -f
  # shellcheck disable=SC2086  # split the fields on purpose
  set -- $rest
  set +f
  # Fields after the name: 1 state, 2 ppid, 3 pgrp, ..., 20 starttime.
  printf '%s %s %s\n' "$1" "$3" "${20}"
}

# Is PID running (not a zombie) and still the process started at STARTTIME?
# A zombie has ended: PID 1 here may take over a second to reap it.
is_ours_and_alive() {
  local pid=$1 start=$2 info state starttime
  [ -n "$pid" ] || return 1
  info=$(proc_info "$pid") || return 1
  read -r state _ starttime <<<"$info"
  [ "$state" != Z ] && [ "$starttime" = "$start" ]
}

# Lists the live (non-zombie) members of process group PGID.
group_members() {
  local pgid=$1 proc pid info state group
  for proc in /proc/[0-9]*; do
    pid=${proc#/proc/}
    info=$(proc_info "$pid") || continue
    read -r state group _ <<<"$info"
    if [ "$group" = "$pgid" ] && [ "$state" != Z ]; then
      echo "$pid"
    fi
  done
}

# Ends the process group led by PID (recorded with STARTTIME): TERM, then
# KILL after TIMEOUT seconds.  When the leader is gone but members remain,
# the group id cannot have been reused (the kernel keeps it while any member
# lives), so the members are ours too.
stop_group() {
  local name=$1 pid=$2 pgid=$3 start=$4 timeout=$5 waited=0 info
  [ -n "$pgid" ] || return 0
  if info=$(proc_info "$pid") && [ "$(cut -d' ' -f1 <<<"$info")" != Z ] &&
     [ "$(cut -d' ' -f3 <<<"$info")" != "$start" ]; then
    say "$name: pid $pid is another process now; leaving it alone"
    return 0
  fi
  [ -n "$(group_members "$pgid")" ] || return 0
  kill -TERM -- "-$pgid" 2>/dev/null || true
  while [ -n "$(group_members "$pgid")" ]; do
    if [ "$waited" -ge $((timeout * 10)) ]; then
      say "$name: still running after ${timeout}s, sending KILL to group $pgid"
      kill -KILL -- "-$pgid" 2>/dev/null || true
      sleep 0.2
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
}

# Starts "$@" in a new session (so as leader of a new process group) with
# output to LOG; sets started_pid, started_pgid, started_start.
start_detached() {
  local log=$1 info
  shift
  # In a non-interactive shell a background job stays in our process group,
  # so setsid does not need to fork and $! is the server's own pid.
  setsid "$@" </dev/null >>"$log" 2>&1 &
  started_pid=$!
  sleep 0.05
  info=$(proc_info "$started_pid") || die "$1 exited at once; see $log"
  read -r _ started_pgid started_start <<<"$info"
  if [ "$started_pgid" != "$started_pid" ]; then
    die "$1 (pid $started_pid) did not become a process group leader"
  fi
}

load_state() {
  db_pid='' db_pgid='' db_start='' web_pid='' web_pgid='' web_start='' port=''
  [ -f "$dir/loopback.state" ] || return 0
  local key value
  while IFS='=' read -r key value; do
    case $key in
      db_pid|db_pgid|db_start|web_pid|web_pgid|web_start|port)
        [[ $value =~ ^[0-9]*$ ]] || die "$dir/loopback.state: bad value for $key"
        printf -v "$key" '%s' "$value"
        ;;
      *) ;;
    esac
  done <"$dir/loopback.state"
}

write_state() {
  cat >"$dir/loopback.state.tmp" <<EOF
port=$port
db_pid=$db_pid
db_pgid=$db_pgid
db_start=$db_start
web_pid=$web_pid
web_pgid=$web_pgid
web_start=$web_start
EOF
  mv "$dir/loopback.state.tmp" "$dir/loopback.state"
}

print_state() {
  cat <<EOF
url=http://127.0.0.1:$port
user=$(cat "$dir/user" 2>/dev/null || echo "$wp_user")
password_file=$dir/app-password
mariadb_pid=$db_pid
mariadb_pgid=$db_pgid
php_pid=$web_pid
php_pgid=$web_pgid
EOF
}

# --- generated files --------------------------------------------------------

random_token() {
  head -c "$1" /dev/urandom | base64 -w0 | tr -d '/+='
}

write_if_changed() {
  local target=$1 tmp
  tmp=$(mktemp "$target.XXXXXX")
  cat >"$tmp"
  if [ -f "$target" ] && cmp -s "$tmp" "$target"; then
    rm -f "$tmp"
  else
    chmod 0644 "$tmp"
    mv "$tmp" "$target"
  fi
}

write_mariadb_config() {
  write_if_changed "$dir/my.cnf" <<EOF
# Generated by $prog: a private MariaDB reached over a unix socket only.
[mysqld]
datadir=$dir/db
socket=$dir/run/mysqld.sock
pid-file=$dir/run/mysqld.pid
log-error=$dir/log/mariadb.err
tmpdir=$dir/run
skip-networking
skip-name-resolve
innodb_buffer_pool_size=32M
innodb_log_file_size=16M
innodb_flush_log_at_trx_commit=2
performance_schema=OFF

[client]
socket=$dir/run/mysqld.sock
EOF
}

# The secrets are made once per DIR, so a restart keeps its logins valid.
write_secrets() {
  [ -f "$dir/wp-secrets.php" ] && return 0
  local key
  (
    umask 077
    {
      echo '<?php'
      echo "// Generated by $prog: this instance's database password and salts."
      echo "define('DB_PASSWORD', '$(random_token 24)');"
      for key in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY \
                 AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
        echo "define('$key', '$(random_token 48)');"
      done
    } >"$dir/wp-secrets.php.tmp"
    mv "$dir/wp-secrets.php.tmp" "$dir/wp-secrets.php"
  )
}

db_password() {
  sed -n "s/^define('DB_PASSWORD', '\([A-Za-z0-9]*\)');$/\1/p" "$dir/wp-secrets.php"
}

write_wp_config() {
  write_if_changed "$dir/wp-config-local.php" <<EOF
<?php
// Generated by $prog.  Debian's /usr/share/wordpress/wp-config.php loads
// $config_shim, which requires this file; it fills in
// ABSPATH, the table prefix and anything else left undefined here.
require __DIR__ . '/wp-secrets.php';
define('DB_NAME', 'wordpress');
define('DB_USER', 'wp');
define('DB_HOST', 'localhost:$dir/run/mysqld.sock');
define('WP_HOME', 'http://127.0.0.1:$port');
define('WP_SITEURL', 'http://127.0.0.1:$port');
define('WP_CONTENT_DIR', '$dir/wp-content');
define('WP_CONTENT_URL', 'http://127.0.0.1:$port/wp-content');
// Application passwords need https or a 'local' environment.
define('WP_ENVIRONMENT_TYPE', 'local');
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
// Errors go to the log, never into a JSON answer.
define('WP_DEBUG', true);
define('WP_DEBUG_DISPLAY', false);
define('WP_DEBUG_LOG', '$dir/log/wp-debug.log');
@ini_set('display_errors', '0');
EOF
}

# Shared by every instance: picks the instance's own config through the
# WP_LOOPBACK_DIR environment variable (php -S does not copy environment
# variables into \$_SERVER, but getenv() sees them).
write_config_shim() {
  mkdir -p "$(dirname "$config_shim")"
  write_if_changed "$config_shim" <<'EOF'
<?php
// Generated by Copydesk's build-aux/wordpress-loopback.sh for its test
// instances: each one sets WP_LOOPBACK_DIR to its own directory.
$copydesk_loopback_dir = getenv('WP_LOOPBACK_DIR');
if (!is_string($copydesk_loopback_dir) || $copydesk_loopback_dir === ''
    || !is_file($copydesk_loopback_dir . '/wp-config-local.php')) {
    header('HTTP/1.1 500 Internal Server Error');
    die('copydesk-test: WP_LOOPBACK_DIR does not name an instance directory');
}
require $copydesk_loopback_dir . '/wp-config-local.php';
EOF
}

write_router() {
  write_if_changed "$dir/router.php" <<EOF
<?php
// Generated by $prog: the router of php -S for this instance.
// Debian's wp-config.php picks /etc/wordpress/config-<name>.php from this:
// any Host header then works, and instances can run side by side.
\$_SERVER['WORDPRESS_CONFIG'] = 'copydesk-test';

\$content_dir = '$dir/wp-content';
\$docroot = '$wp_root';
\$path = rawurldecode(parse_url(\$_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');

function copydesk_refuse(\$why) {
    http_response_code(403);
    header('Content-Type: text/plain');
    echo "copydesk-test: \$why\n";
    return true;
}

if (strpos(\$path, "\\0") !== false || preg_match('#(^|/)\\.\\.(/|\$)#', \$path)) {
    return copydesk_refuse('bad path');
}
// wp-mail.php fetches mail over POP3; site health probes remote hosts.
if (preg_match('#^/(wp-mail\\.php|wp-admin/site-health(-info)?\\.php)\$#', \$path)) {
    return copydesk_refuse('disabled on this test instance');
}

// Uploads and plugins live in the instance directory, not the docroot.
if (strncmp(\$path, '/wp-content/', 12) === 0) {
    \$file = \$content_dir . substr(\$path, 11);
    if (!is_file(\$file) || preg_match('#\\.(php|phtml|phar)\$#i', \$file)) {
        http_response_code(404);
        return true;
    }
    \$types = ['png' => 'image/png', 'jpg' => 'image/jpeg', 'jpeg' => 'image/jpeg',
              'gif' => 'image/gif', 'webp' => 'image/webp', 'css' => 'text/css',
              'js' => 'text/javascript', 'svg' => 'image/svg+xml', 'txt' => 'text/plain'];
    \$ext = strtolower(pathinfo(\$file, PATHINFO_EXTENSION));
    header('Content-Type: ' . (\$types[\$ext] ?? 'application/octet-stream'));
    header('Content-Length: ' . filesize(\$file));
    readfile(\$file);
    return true;
}

\$script = null;
if (\$path !== '/' && is_file(\$docroot . \$path)) {
    if (!preg_match('#\\.php\$#', \$path)) {
        return false;  // a static file of WordPress itself: php -S serves it
    }
    \$script = \$path;
} elseif (is_dir(\$docroot . \$path) && is_file(rtrim(\$docroot . \$path, '/') . '/index.php')) {
    \$script = rtrim(\$path, '/') . '/index.php';
} else {
    \$script = '/index.php';  // pretty permalinks, /wp-json/... included
}

\$_SERVER['SCRIPT_NAME'] = \$script;
\$_SERVER['PHP_SELF'] = \$script;
\$_SERVER['SCRIPT_FILENAME'] = \$docroot . \$script;
chdir(dirname(\$docroot . \$script));
require \$docroot . \$script;
return true;
EOF
}

# The guard that keeps WordPress on loopback.  WP_HTTP_BLOCK_EXTERNAL alone
# is not enough: wp_safe_remote_get() validates the URL with gethostbyname()
# (a DNS query) before that check.  pre_http_request runs before both.
write_mu_plugin() {
  mkdir -p "$dir/wp-content/mu-plugins"
  write_if_changed "$dir/wp-content/mu-plugins/copydesk-loopback.php" <<'EOF'
<?php
/*
 * Plugin Name: Copydesk loopback guard
 * Description: Generated by Copydesk's wordpress-loopback.sh. Refuses every
 * outgoing request of WordPress to anything but loopback, before any name
 * is resolved, and closes the routes that would resolve names themselves.
 */

function copydesk_loopback_host_allowed($url) {
    $host = strtolower((string) parse_url($url, PHP_URL_HOST));
    return in_array($host, ['127.0.0.1', 'localhost', '[::1]', '::1'], true);
}

add_filter('pre_http_request', function ($preempt, $args, $url) {
    if ($preempt !== false || copydesk_loopback_host_allowed($url)) {
        return $preempt;
    }
    error_log('copydesk-test: blocked outgoing HTTP to ' . $url);
    return new WP_Error('http_request_blocked',
                        'copydesk-test: outgoing HTTP beyond loopback is blocked');
}, -1000, 3);

// No oEmbed discovery of URLs in post content, no mail.
add_filter('embed_oembed_discover', '__return_false', 1000);
add_filter('pre_oembed_result', function ($result, $url) {
    return copydesk_loopback_host_allowed($url) ? $result : false;
}, 1000, 2);
add_filter('pre_wp_mail', function () { return false; }, 1000);

// These routes resolve names themselves (site health calls gethostbyname()
// directly; url-details validates its parameter with wp_http_validate_url()).
// rest_pre_dispatch runs before routing and parameter validation.
add_filter('rest_pre_dispatch', function ($result, $server, $request) {
    $route = $request->get_route();
    if (preg_match('#^/(wp-site-health/|wp-block-editor/v1/url-details|oembed/1\.0/proxy)#', $route)) {
        return new WP_Error('copydesk_test_route_disabled',
                            'This route is disabled on the Copydesk test instance.',
                            ['status' => 403]);
    }
    return $result;
}, -1000, 3);

// Pingbacks would fetch the pages a post links to.
add_filter('xmlrpc_methods', function ($methods) {
    unset($methods['pingback.ping'], $methods['pingback.extensions.getPingbacks']);
    return $methods;
});
add_filter('pre_option_default_pingback_flag', '__return_zero');
add_filter('pings_open', '__return_false', 1000);
EOF
}

write_setup_script() {
  write_if_changed "$dir/setup.php" <<EOF
<?php
// Generated by $prog: installs WordPress in this instance's database and
// creates an application password, with the PHP CLI and no HTTP.
\$dir = getenv('WP_LOOPBACK_DIR');
\$_SERVER['HTTP_HOST'] = '127.0.0.1:$port';
\$_SERVER['SERVER_NAME'] = '127.0.0.1';
\$_SERVER['SERVER_PORT'] = '$port';
\$_SERVER['REQUEST_URI'] = '/';
\$_SERVER['REQUEST_METHOD'] = 'GET';
\$_SERVER['WORDPRESS_CONFIG'] = 'copydesk-test';
define('WP_INSTALLING', true);

// Pluggable: defined before WordPress loads, so no "new site" mail is built.
function wp_new_blog_notification(\$blog_title, \$blog_url, \$user_id, \$password) {
}

require '$wp_root/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

// wp_install() probes pretty permalinks with a request to itself.
add_filter('pre_http_request', function () {
    return new WP_Error('http_request_blocked', 'no HTTP during set-up');
}, -1000);

if (!is_blog_installed()) {
    \$result = wp_install('Copydesk test', '$wp_user', 'admin@example.invalid', false, '',
                         wp_slash(wp_generate_password(32, false)));
    if (is_wp_error(\$result)) {
        fwrite(STDERR, 'wp_install failed: ' . \$result->get_error_message() . "\\n");
        exit(1);
    }
}

// Pretty permalinks make /wp-json/ work.  A soft flush: a hard one would try
// to write .htaccess, a symlink into /etc/wordpress.
update_option('permalink_structure', '/%postname%/');
flush_rewrite_rules(false);

\$user = get_user_by('login', '$wp_user');
if (!\$user) {
    fwrite(STDERR, "user $wp_user is missing\\n");
    exit(1);
}
if (!wp_is_application_passwords_available_for_user(\$user)) {
    fwrite(STDERR, "application passwords are not available (WP_ENVIRONMENT_TYPE?)\\n");
    exit(1);
}
\$created = WP_Application_Passwords::create_new_application_password(
    \$user->ID, ['name' => 'copydesk-test']);
if (is_wp_error(\$created)) {
    fwrite(STDERR, 'application password: ' . \$created->get_error_message() . "\\n");
    exit(1);
}
umask(077);
file_put_contents(\$dir . '/app-password.tmp', \$created[0]);
chmod(\$dir . '/app-password.tmp', 0600);
rename(\$dir . '/app-password.tmp', \$dir . '/app-password');
file_put_contents(\$dir . '/user', "$wp_user");
EOF
}

# --- start / stop / status -------------------------------------------------

start_mariadb() {
  local tries=0
  if [ ! -d "$dir/db/mysql" ]; then
    rm -rf "$dir/db"
    mariadb-install-db --defaults-file="$dir/my.cnf" --user=root \
      --auth-root-authentication-method=socket --skip-test-db \
      >"$dir/log/mariadb-install.log" 2>&1 ||
      die "mariadb-install-db failed; see $dir/log/mariadb-install.log"
  fi
  rm -f "$dir/run/mysqld.sock"
  # mariadbd refuses to run as root unless told to.
  start_detached "$dir/log/mariadbd.log" mariadbd --defaults-file="$dir/my.cnf" --user=root
  db_pid=$started_pid db_pgid=$started_pgid db_start=$started_start
  write_state
  until mariadb-admin --defaults-file="$dir/my.cnf" --user=root ping >/dev/null 2>&1; do
    is_ours_and_alive "$db_pid" "$db_start" || die "mariadbd exited; see $dir/log/mariadb.err"
    tries=$((tries + 1))
    [ "$tries" -lt 300 ] || die "mariadbd did not answer within 30 s; see $dir/log/mariadb.err"
    sleep 0.1
  done
  mariadb --defaults-file="$dir/my.cnf" --user=root <<EOF
CREATE DATABASE IF NOT EXISTS wordpress CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS 'wp'@'localhost' IDENTIFIED BY '$(db_password)';
GRANT ALL PRIVILEGES ON wordpress.* TO 'wp'@'localhost';
EOF
}

install_wordpress() {
  [ -s "$dir/app-password" ] && return 0
  WP_LOOPBACK_DIR=$dir php -d display_errors=stderr -d error_reporting=E_ALL\&~E_DEPRECATED \
    "$dir/setup.php" >"$dir/log/setup.log" 2>&1 ||
    die "WordPress set-up failed; see $dir/log/setup.log"
  [ -s "$dir/app-password" ] || die "set-up wrote no application password; see $dir/log/setup.log"
}

# HTTP status of an authenticated GET, through the PHP CLI (curl may be
# missing on a fresh machine); the password goes through the environment,
# not the command line.
http_status() {
  # shellcheck disable=SC2016  # PHP code, not shell
  WP_PROBE_AUTH="$wp_user:$(cat "$dir/app-password")" php -r '
    $ctx = stream_context_create(["http" => [
      "header" => "Authorization: Basic " . base64_encode(getenv("WP_PROBE_AUTH")),
      "ignore_errors" => true, "timeout" => 5]]);
    @file_get_contents($argv[1], false, $ctx);
    echo isset($http_response_header[0]) ? explode(" ", $http_response_header[0])[1] : "000";
  ' "$1" 2>/dev/null || echo 000
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Exit status 4 tells a caller that picked the port to pick another one.
check_port_free() {
  if port_in_use "$port"; then
    say "port $port on 127.0.0.1 is in use already"
    exit 4
  fi
}

start_php() {
  local tries=0 code
  check_port_free
  # php -S never answers "Expect: 100-continue"; clients must not send it.
  start_detached "$dir/log/php.log" \
    env WP_LOOPBACK_DIR="$dir" PHP_CLI_SERVER_WORKERS=4 \
    php -d upload_max_filesize=64M -d post_max_size=64M -d memory_limit=256M \
        -d display_errors=0 -d log_errors=1 -d error_log="$dir/log/php-errors.log" \
        -S "127.0.0.1:$port" -t "$wp_root" "$dir/router.php"
  web_pid=$started_pid web_pgid=$started_pgid web_start=$started_start
  write_state
  # Ready when an authenticated REST call succeeds: that checks the web
  # server, the database and the application password in one go.
  while :; do
    code=$(http_status "http://127.0.0.1:$port/wp-json/wp/v2/users/me")
    [ "$code" = 200 ] && break
    is_ours_and_alive "$web_pid" "$web_start" || die "php -S exited; see $dir/log/php.log"
    tries=$((tries + 1))
    [ "$tries" -lt 150 ] || die "WordPress did not answer (last HTTP $code); see $dir/log/"
    sleep 0.1
  done
}

running_state() {
  local db=0 web=0
  is_ours_and_alive "$db_pid" "$db_start" && db=1
  is_ours_and_alive "$web_pid" "$web_start" && web=1
  echo $((db + web))
}

on_start_exit() {
  say "start failed; stopping what was started"
  stop_group "php -S" "$web_pid" "$web_pgid" "$web_start" 5
  stop_group mariadbd "$db_pid" "$db_pgid" "$db_start" 20
}

cmd_start() {
  [ $# -eq 2 ] || usage
  if ! [[ $2 =~ ^[0-9]+$ ]] || [ "$2" -lt 1 ] || [ "$2" -gt 65535 ]; then
    die "bad port: $2"
  fi
  mkdir -p "$1"
  dir=$(cd "$1" && pwd -P)
  local want_port=$2
  [ ${#dir} -le 70 ] || die "DIR is too long (${#dir} characters): the MariaDB socket path must stay under 100"
  [[ $dir =~ ^[A-Za-z0-9/._-]+$ ]] || die "DIR may hold only letters, digits and / . _ -: $dir"

  load_state
  case $(running_state) in
    2)
      [ "$port" = "$want_port" ] || die "already running in $dir on port $port"
      print_state
      return 0
      ;;
    1) say "only part of the instance is running; restarting it"; cmd_stop "$dir" ;;
    *) ;;
  esac
  port=$want_port db_pid='' db_pgid='' db_start='' web_pid='' web_pgid='' web_start=''

  ensure_packages
  [ "$(id -u)" -eq 0 ] || die "must run as root (mariadbd is started with --user=root)"
  check_port_free
  mkdir -p "$dir/db" "$dir/run" "$dir/log" "$dir/wp-content/uploads"
  chmod 0700 "$dir"
  write_mariadb_config
  write_secrets
  write_wp_config
  write_config_shim
  write_router
  write_mu_plugin
  write_setup_script
  # On any failure from here on (die, or a failing command under set -e),
  # end what was started.
  trap on_start_exit EXIT
  start_mariadb
  install_wordpress
  start_php
  trap - EXIT
  print_state
}

cmd_stop() {
  [ $# -eq 1 ] || usage
  [ -d "$1" ] || return 0
  dir=$(cd "$1" && pwd -P)
  load_state
  stop_group "php -S" "$web_pid" "$web_pgid" "$web_start" 5
  stop_group mariadbd "$db_pid" "$db_pgid" "$db_start" 20
  db_pid='' db_pgid='' db_start='' web_pid='' web_pgid='' web_start=''
  [ -f "$dir/loopback.state" ] && write_state
  return 0
}

cmd_status() {
  [ $# -eq 1 ] || usage
  [ -d "$1" ] || { echo "stopped"; return 3; }
  dir=$(cd "$1" && pwd -P)
  load_state
  case $(running_state) in
    2) echo running; print_state; return 0 ;;
    1) echo "partly running"; print_state; return 1 ;;
    *) echo stopped; return 3 ;;
  esac
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  status) shift; cmd_status "$@" ;;
  *) usage ;;
esac
