-- wrk script for build/bench.sh's POST and mixed rows. Configured through the environment (the main Lua state, where
-- setup() runs, never sees wrk's script arguments):
--
--   WRK_MODE       template  POST the URL's path with WRK_BODY, "{n}" replaced by a number unique to this wrk run
--                            (registration with unique users; login attempts on unknown accounts)
--                  bodies    POST the URL's path (or WRK_LOGIN_PATH) with the lines of the file WRK_BODIES in turn (login on one or more accounts)
--                  chain     POST the URL's path (or WRK_REFRESH_PATH) with WRK_BODY, "{token}" replaced by a refresh token (refresh chains, below)
--                  mixed     GET WRK_ME_PATH with WRK_ACCESS_TOKEN, except a share WRK_LOGIN_SHARE of logins (bodies)
--                            and WRK_REFRESH_SHARE of refreshes (chain)
--   WRK_TOKENS     file of starting refresh tokens, one a line (chain, mixed)
--   WRK_TOKEN_PATTERN  Lua pattern capturing the refresh token in a response body (chain, mixed)
--   WRK_THREADS    wrk's -t (the tokens are dealt out to the threads in setup)
--   WRK_PREFIX     makes "{n}" unique across runs and phases (template)
--
-- Refresh chains. Every refresh token may be sent once: reuse detection rightly ends a session whose rotated token comes
-- back. Each thread keeps a pool of unsent tokens; request() takes one out, response() puts back the successor it finds
-- in the body. A token is therefore sent at most once, whichever connection a response arrives on (response() is per
-- thread, not per connection, and request() for a connection runs later than its response(), after other connections'
-- callbacks). One request per connection is in flight, so a thread needs one token per connection, plus one: wrk asks
-- thread 0's script for a request before the run to check its shape, and never sends it. A request that finds the pool
-- empty (a refresh that failed) is sent with a token that cannot exist, so it shows as a 401 and fails the row.
--
-- done() prints one line, "wrk-script {json}": the responses by status, the requests by kind, and the starved count.

local mode = os.getenv("WRK_MODE") or "template"
local path -- the URL's, set in init()
local body = os.getenv("WRK_BODY") or ""
local json_headers = { ["Content-Type"] = "application/json" }

-- ---------------------------------------------------------------- main state: deal the tokens out to the threads
local threads = {}
local dealt = nil

local function read_lines(file)
  local lines = {}
  if file and file ~= "" then
    for line in io.lines(file) do
      if line ~= "" then lines[#lines + 1] = line end
    end
  end
  return lines
end

function setup(thread)
  local index = #threads + 1
  threads[index] = thread
  thread:set("thread_index", index)
  if dealt == nil then
    local count = tonumber(os.getenv("WRK_THREADS") or "1")
    local all = read_lines(os.getenv("WRK_TOKENS"))
    dealt = {}
    for i = 1, count do dealt[i] = {} end
    for i, token in ipairs(all) do
      local share = dealt[(i - 1) % count + 1]
      share[#share + 1] = token
    end
  end
  thread:set("pool", dealt[index] or {})
end

-- ---------------------------------------------------------------- thread states
-- statuses, sent and starved are globals: done() reads them from each thread with thread:get (as pool and
-- thread_index, which setup() put there).
local counter = 0
statuses = {}
sent = { login = 0, refresh = 0, me = 0, other = 0 }
starved = 0
local bodies, pattern, prefix, me_request, login_share, refresh_share, body_head, body_tail

function init(args)
  path = wrk.path
  bodies = read_lines(os.getenv("WRK_BODIES"))
  pattern = os.getenv("WRK_TOKEN_PATTERN")
  prefix = (os.getenv("WRK_PREFIX") or "") .. "t" .. thread_index .. "x"
  login_share = tonumber(os.getenv("WRK_LOGIN_SHARE") or "0")
  refresh_share = tonumber(os.getenv("WRK_REFRESH_SHARE") or "0")
  local token_at = body:find("{token}", 1, true)
  if token_at then
    body_head, body_tail = body:sub(1, token_at - 1), body:sub(token_at + #"{token}")
  end
  if mode == "mixed" then
    me_request = wrk.format("GET", os.getenv("WRK_ME_PATH"),
      { ["Authorization"] = "Bearer " .. (os.getenv("WRK_ACCESS_TOKEN") or "") })
  end
  math.randomseed(os.time() + thread_index)
end

local function login_request()
  counter = counter + 1
  sent.login = sent.login + 1
  return wrk.format("POST", os.getenv("WRK_LOGIN_PATH") or path, json_headers, bodies[(counter - 1) % #bodies + 1])
end

local function refresh_request()
  local token = table.remove(pool)
  if token == nil then
    starved = starved + 1
    token = "starved-no-token-left"
  end
  sent.refresh = sent.refresh + 1
  return wrk.format("POST", os.getenv("WRK_REFRESH_PATH") or path, json_headers, body_head .. token .. body_tail)
end

function request()
  if mode == "chain" then
    return refresh_request()
  elseif mode == "bodies" then
    return login_request()
  elseif mode == "mixed" then
    local r = math.random()
    if r < login_share then
      return login_request()
    elseif r < login_share + refresh_share and #pool > 0 then
      return refresh_request()
    end
    sent.me = sent.me + 1
    return me_request
  end
  counter = counter + 1
  sent.other = sent.other + 1
  return wrk.format("POST", path, json_headers, (body:gsub("{n}", prefix .. counter)))
end

function response(status, headers, response_body)
  statuses[status] = (statuses[status] or 0) + 1
  if pattern and response_body then
    local token = response_body:match(pattern)
    if token then pool[#pool + 1] = token end
  end
end

-- ---------------------------------------------------------------- main state again: one summary line
function done(summary, latency, requests)
  local by_status, by_kind, total_starved = {}, { login = 0, refresh = 0, me = 0, other = 0 }, 0
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses") or {}) do
      by_status[status] = (by_status[status] or 0) + count
    end
    for kind, count in pairs(thread:get("sent") or {}) do
      by_kind[kind] = by_kind[kind] + count
    end
    total_starved = total_starved + (thread:get("starved") or 0)
  end
  local parts = {}
  for status, count in pairs(by_status) do parts[#parts + 1] = string.format('"%d": %d', status, count) end
  io.write(string.format('wrk-script {"statuses": {%s}, "sent": {"login": %d, "refresh": %d, "me": %d, "other": %d}, "starved": %d}\n',
    table.concat(parts, ", "), by_kind.login, by_kind.refresh, by_kind.me, by_kind.other, total_starved))
end
