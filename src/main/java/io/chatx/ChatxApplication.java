package io.chatx;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * ChatX: a real-time GraphQL chat API.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ChatxApplication {

	public static void main(String[] args) {
		SpringApplication.run(ChatxApplication.class, args);
	}

}
