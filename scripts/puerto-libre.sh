# Sourced by the scripts that start servers on loopback: puerto_libre prints the first
# port nobody answers on, from a random start far from the well-known ones.
puerto_libre() {
    local p=$((20000 + RANDOM % 20000)) i
    for ((i = 0; i < 200; i++, p++)); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return
        fi
    done
    echo "no free port found" >&2
    exit 1
}
