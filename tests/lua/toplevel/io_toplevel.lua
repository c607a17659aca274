-- expect: global 'io'
-- Reaching for io while the script loads.
local f = io.open("/tmp/govnet-rules-pwned", "w")
function validate(event) end
