-- expect: 超出指令预算
-- table.concat whose length comes from __len.
function validate(event)
  local t = setmetatable({}, { __len = function() return math.maxinteger end,
                               __index = function() return "" end })
  return table.concat(t)
end
