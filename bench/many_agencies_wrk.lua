-- wrk's side of bench/many_agencies_webhook.py: posts the signed webhook bodies that script
-- made, each to its agency's address, one per request, each thread taking every n-th so
-- that no event is sent twice.
-- File: TIDTAM_WRK_BODIES, one "path<TAB>signature<TAB>body" per line.

local threads = tonumber(os.getenv("TIDTAM_WRK_THREADS") or "1")
local started = 0

function setup(thread)
  thread:set("offset", started)
  started = started + 1
end

function init(args)
  paths, signatures, bodies = {}, {}, {}
  for line in io.lines(os.getenv("TIDTAM_WRK_BODIES")) do
    local path, signature, body = line:match("^([^\t]+)\t([^\t]+)\t(.*)$")
    paths[#paths + 1] = path
    signatures[#signatures + 1] = signature
    bodies[#bodies + 1] = body
  end
  next_one = offset
end

function request()
  local i = next_one % #bodies + 1
  next_one = next_one + threads
  return wrk.format("POST", paths[i], {
    ["Content-Type"] = "application/json",
    ["X-Line-Signature"] = signatures[i],
  }, bodies[i])
end
