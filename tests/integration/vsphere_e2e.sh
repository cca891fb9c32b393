#!/usr/bin/env bash
# End to end on VMware's simulator: tidepoold with a vSphere provider config pointed at vcsim
# keeps two sessions free, so it clones one VM from a vcsim template (resized, tagged, powered
# on); when demand drops to zero the VM is powered off and destroyed in vcsim.
# Usage: vsphere_e2e.sh TIDEPOOLD TIDEPOOL PLUGIN_DIR QUICKSTART_JSON VCSIM
VCSIM=$5
source "$(dirname "$0")/lib.sh" "$1" "$2" "$3" "$4"

password="pw-$RANDOM$RANDOM"
mkfifo "$WORK/vcsim.banner"
# Named like the e2e instances, so lib.sh's cleanup ends it whatever happens.
(exec -a "tp-e2e-$TAG-vcsim" "$VCSIM" -l 127.0.0.1:0 -username tidepool -password "$password" \
    > "$WORK/vcsim.banner" 2>"$WORK/vcsim.log") &
read -r banner < "$WORK/vcsim.banner" || die "vcsim printed nothing: $(cat "$WORK/vcsim.log")"
vc_port=$(sed -n 's/.*@127\.0\.0\.1:\([0-9]*\)\/sdk.*/\1/p' <<< "$banner")
[ -n "$vc_port" ] || die "no port in vcsim's banner: $banner"

# vcsim's view of one VM's power state, over raw SOAP (independent of the plugin's code).
vcsim_power_state() {
    local jar="$WORK/vcsim.cookies" soap='<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>'
    curl -sk -c "$jar" -H 'SOAPAction: urn:vim25/6.5' -H 'Content-Type: text/xml' "https://127.0.0.1:$vc_port/sdk" \
        --data-binary "$soap<Login xmlns=\"urn:vim25\"><_this type=\"SessionManager\">SessionManager</_this><userName>tidepool</userName><password>$password</password></Login></soapenv:Body></soapenv:Envelope>" >/dev/null
    curl -sk -b "$jar" -H 'SOAPAction: urn:vim25/6.5' -H 'Content-Type: text/xml' "https://127.0.0.1:$vc_port/sdk" \
        --data-binary "$soap<RetrievePropertiesEx xmlns=\"urn:vim25\"><_this type=\"PropertyCollector\">propertyCollector</_this><specSet><propSet><type>VirtualMachine</type><pathSet>runtime.powerState</pathSet></propSet><objectSet><obj type=\"VirtualMachine\">$1</obj></objectSet></specSet><options/></RetrievePropertiesEx></soapenv:Body></soapenv:Envelope>" |
        grep -o 'poweredOn\|poweredOff\|ManagedObjectNotFound' | head -n 1
}
vm_is() { [ "$(vcsim_power_state "$1")" = "$2" ]; }

make_config "
  .provider_configs[0] = {id: \"vcsim\", name: \"VMware's simulator\", kind: \"vm\",
    plugin_id: \"org.tidepool.vsphere\",
    config: {vcenter: \"127.0.0.1\", port: $vc_port, username: \"tidepool\",
             password: \"$password\", template: \"DC0/vm/DC0_C0_RP0_VM0\", verify_tls: false,
             cpus: 2, memory_gib: 2, max_instances: 3}}
  | .autoscale_configs[0].vm_provider_id = \"vcsim\"
  | .autoscale_configs[0].require_checkin = false
  | .autoscale_configs[0].downscale_backoff_s = 1"
start_daemon
"$TIDEPOOL" configs apply "$WORK/config.json" >/dev/null || die "configs apply failed"

say "two free sessions need one server: the daemon clones a VM in vcsim"
wait_for 60 "a running server" some_server_in running
server=$(api /api/v1/servers | jq -r '.items[] | select(.state=="running") | .id' | head -n 1)
vm=$(api "/api/v1/servers/$server" | jq -r '.provider_id // empty')
[ -n "$vm" ] || die "server $server has no provider id: $(api "/api/v1/servers/$server")"
vm_is "$vm" poweredOn || die "vcsim does not show $vm powered on: $(vcsim_power_state "$vm")"

say "no demand: the VM is destroyed in vcsim"
jq '.autoscale_configs[0].min_available_sessions = 0' "$WORK/config.json" > "$WORK/config2.json"
"$TIDEPOOL" configs apply "$WORK/config2.json" >/dev/null || die "configs apply failed"
wait_for 60 "server $server removed" no_live_servers
wait_for 20 "$vm destroyed in vcsim" vm_is "$vm" ManagedObjectNotFound
stop_daemon
echo "vsphere e2e: 1 passed, 0 failed"
