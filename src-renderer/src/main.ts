// First, before anything reads the URL: serve mode's `#token=…` is taken from the fragment and cleared here,
// so the navigation store then sees a fragment holding only a route.
import './api/client';
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import './styles.css';

createApp(App).use(createPinia()).mount('#app');
