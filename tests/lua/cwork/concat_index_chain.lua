-- expect: 运行超时|超出指令预算|内存超出上限
-- table.concat through an __index chain that ends in a C function.
function validate(event)
  local t = setmetatable({}, { __index = tostring })
  for i = 1, 1900 do t = setmetatable({}, { __index = t }) end
  return table.concat(t, "", 1, 400000)
end
