-- Argo CD health of a HelpDeskRestore: Healthy once Succeeded, Degraded when Failed, else Progressing.
local hs = {}
local phase = obj.status ~= nil and obj.status.phase or nil
local message = obj.status ~= nil and obj.status.message or nil
if phase == "Succeeded" then
  hs.status = "Healthy"
  hs.message = message or "Restore succeeded"
elseif phase == "Failed" then
  hs.status = "Degraded"
  hs.message = message or "Restore failed"
else
  hs.status = "Progressing"
  hs.message = message or ("Restore " .. (phase or "Pending"))
end
return hs
