-- expect: 超出指令预算
-- table.concat over maxinteger elements, each an empty string from __index.
function validate(event)
  local t = setmetatable({}, { __index = function() return "" end })
  return table.concat(t, "", 1, math.maxinteger)
end
