-- expect: 全局变量是只读的
-- Redefining the hook while it runs.
function validate(event)
  validate = nil
end
