-- expect: 超出指令预算|运行超时
-- A to-be-closed variable whose __close never returns.
function validate(event)
  local x <close> = setmetatable({}, { __close = function() while true do end end })
  error("boom")
end
