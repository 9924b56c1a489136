// First, before anything reads the URL: serve mode's `#token=…` is taken from the fragment and cleared here,
// so the navigation store then sees a fragment holding only a route.
import './api/client';
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { isConnectionLost } from './api/client';
import './styles.css';

const app = createApp(App);
// A screen's load cut off by a dropped connection is no error of the page: the banner says the connection is down,
// and the screen is built again, loading afresh, once it is back (App.vue). Every other error is reported as
// uncaught, as Vue itself would.
app.config.errorHandler = (error) => {
  if (!isConnectionLost(error)) reportError(error);
};
app.use(createPinia()).mount('#app');
