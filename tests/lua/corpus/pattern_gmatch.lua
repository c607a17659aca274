-- expect: 超出指令预算|运行超时
-- And through gmatch, caught by pcall.
function validate(event)
  local s = string.rep("ab", 2000)
  while true do
    pcall(function()
      for _ in s:gmatch(string.rep("[ab]*", 10) .. "c") do end
    end)
  end
end
