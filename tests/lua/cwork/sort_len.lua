-- expect: 超出指令预算
-- table.sort told by __len that the table is endless.
function validate(event)
  local t = setmetatable({}, { __len = function() return math.maxinteger end,
                               __index = function() return 1 end })
  table.sort(t)
end
