# Sourced by the scripts that start servers on loopback: puerto_libre prints a port nobody
# answers on, from a random start between the well-known ports and the kernel's ephemeral
# range. Inside that range a port nobody answers on may still be the local end of an
# outgoing connection (wrk's, a worker's to PostgreSQL), and binding it then fails.
puerto_libre() {
    local efimeros desde=20000 hasta p i
    read -r efimeros _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || efimeros=32768
    hasta=$((efimeros > desde + 1000 ? efimeros - 1 : 65535))
    p=$((desde + RANDOM % (hasta - desde + 1)))
    for ((i = 0; i < 200; i++)); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return
        fi
        p=$((p < hasta ? p + 1 : desde))
    done
    echo "no free port found" >&2
    exit 1
}
