-- expect: 内存超出上限
-- The top level fills memory.
local t = {}
for i = 1, math.huge do t[i] = string.rep("m", 100) .. i end
function validate(event) end
