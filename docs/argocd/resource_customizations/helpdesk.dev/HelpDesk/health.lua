-- Argo CD health of a HelpDesk: Healthy only when Ready=True for the generation the operator last saw
-- equal to the spec's; Suspended while paused; Degraded on the reasons that wait for a person.
local hs = {}
local waitsForAPerson = {
  MigrationFailed = true, PreUpgradeBackupFailed = true, DowngradeRequiresRestore = true, VersionCheckFailed = true,
  RolledBack = true, RollbackRequiresRestore = true, InvalidSpec = true, ReconcileError = true, PodProblem = true,
}

local function condition(conditions, type)
  for _, c in ipairs(conditions) do
    if c.type == type then
      return c
    end
  end
  return nil
end

if obj.status == nil or obj.status.conditions == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report the HelpDesk's status"
  return hs
end
local ready = condition(obj.status.conditions, "Ready")
if ready ~= nil and ready.reason == "Paused" then
  hs.status = "Suspended"
  hs.message = ready.message
  return hs
end
local generation = obj.metadata.generation
if generation ~= nil and (obj.status.observedGeneration == nil or obj.status.observedGeneration < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to act on generation " .. generation
  return hs
end
if ready == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the Ready condition"
elseif ready.status == "True" then
  hs.status = "Healthy"
  hs.message = ready.message
elseif waitsForAPerson[ready.reason] then
  hs.status = "Degraded"
  hs.message = ready.reason .. ": " .. ready.message
else
  hs.status = "Progressing"
  hs.message = ready.reason .. ": " .. ready.message
end
return hs
