-- expect: 超出指令预算
-- table.insert into a table whose __len is maxinteger - 1.
function validate(event)
  local t = setmetatable({}, { __len = function() return math.maxinteger - 1 end,
                               __index = function() return 1 end,
                               __newindex = function() end })
  table.insert(t, 1, 0)
end
