-- expect: 运行超时|超出指令预算
-- Every element fetched through an __index chain 1900 tables deep: all
-- of it inside C, where the hook never runs.
function validate(event)
  local t = {}
  for i = 1, 1900 do t = setmetatable({}, { __index = t }) end
  while true do table.unpack(t, 1, 300000) end
end
