package dev.paperclub.discord;

import net.dv8tion.jda.api.utils.SessionControllerAdapter;

/**
 * Points JDA's gateway connection at {@code discord.gateway-url}: the single-bot builder takes
 * the URL from the session controller rather than from REST.
 */
final class GatewaySessionController extends SessionControllerAdapter {
    private final String gateway;

    GatewaySessionController(String gateway) {
        this.gateway = gateway;
    }

    @Override
    public String getGateway() {
        return gateway;
    }
}
